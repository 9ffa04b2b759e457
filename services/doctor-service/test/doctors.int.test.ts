import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { Cabinet, Specialization } from '@clinic/contracts';
import { createCabinet, createDoctor, createSpecialization, doctorService as api } from '../../../tests/support/clinic.ts';
import { http, type Json } from '../../../tests/support/http.ts';
import { adminToken, claimsOf, passwordToken, registerPatient, type TestUser } from '../../../tests/support/identity.ts';
import { testStack } from '../../../tests/support/stack.ts';

const UNKNOWN_ID = randomUUID();
const userService = (path: string) => `${testStack().services['user-service']}${path}`;
const rolesOf = async (user: TestUser) => claimsOf(await passwordToken(user.email, user.password)).realm_access.roles as string[];

describe('POST /doctors', () => {
  let admin: string;
  let specialization: Specialization;
  let cabinet: Cabinet;
  before(async () => {
    admin = await adminToken();
    [specialization, cabinet] = await Promise.all([createSpecialization({ admin }), createCabinet({ admin })]);
  });

  const doctorFor = (user: TestUser, extra: Record<string, unknown> = {}) => ({
    user_id: user.id,
    specialization_id: specialization.id,
    cabinet_id: cabinet.id,
    ...extra,
  });

  it('makes a patient a doctor: DOCTOR in their next token and in their profile, names shown with the doctor', async () => {
    const patient = await registerPatient('new-doctor');
    const answer = await http(api('/doctors'), {
      method: 'POST',
      token: admin,
      body: doctorFor(patient, { bio: '  Twenty years of cardiology.  ', years_experience: 20 }),
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.user_id, patient.id);
    assert.equal(answer.body.full_name, 'Test new-doctor');
    assert.equal(answer.body.email, patient.email);
    assert.equal(answer.body.bio, 'Twenty years of cardiology.');
    assert.equal(answer.body.years_experience, 20);
    assert.deepEqual(answer.body.specialization, { id: specialization.id, name: specialization.name });
    assert.deepEqual(answer.body.cabinet, { id: cabinet.id, name: cabinet.name, location: cabinet.location, floor: cabinet.floor });

    const roles = await rolesOf(patient);
    assert.ok(roles.includes('DOCTOR'));
    assert.ok(!roles.includes('PATIENT'));
    assert.equal((await http(userService(`/users/${patient.id}`), { token: admin })).body.role, 'DOCTOR');
  });

  it('answers 409 when the user already is a doctor', async () => {
    const { user } = await createDoctor({ schedule: [] });
    const answer = await http(api('/doctors'), { method: 'POST', token: admin, body: doctorFor(user) });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'ALREADY_A_DOCTOR');
  });

  it('answers 404 for a user nobody knows', async () => {
    const answer = await http(api('/doctors'), { method: 'POST', token: admin, body: { ...doctorFor({ id: UNKNOWN_ID } as TestUser) } });
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error.message, 'User not found');
  });

  it('answers 404 saying which of specialization and cabinet is unknown, leaving the user a patient', async () => {
    const patient = await registerPatient('not-yet-doctor');
    const cases = [
      [{ specialization_id: UNKNOWN_ID }, 'Specialization not found', ['specialization_id']],
      [{ cabinet_id: UNKNOWN_ID }, 'Cabinet not found', ['cabinet_id']],
      [
        { specialization_id: UNKNOWN_ID, cabinet_id: randomUUID() },
        'Specialization and cabinet not found',
        ['specialization_id', 'cabinet_id'],
      ],
    ] as const;
    for (const [unknown, message, missing] of cases) {
      const answer = await http(api('/doctors'), { method: 'POST', token: admin, body: doctorFor(patient, unknown) });
      assert.equal(answer.status, 404, message);
      assert.equal(answer.body.error.message, message);
      assert.deepEqual(answer.body.error.details, { missing });
    }
    assert.deepEqual(await rolesOf(patient).then((roles) => roles.filter((r) => r === 'DOCTOR' || r === 'PATIENT')), ['PATIENT']);
  });

  it('answers 401 without a token and 403 to a patient or a doctor', async () => {
    const patient = await registerPatient('self-promoting');
    const { user: doctorUser } = await createDoctor({ schedule: [] });
    assert.equal((await http(api('/doctors'), { method: 'POST', body: doctorFor(patient) })).status, 401);
    for (const token of [patient.token, doctorUser.token]) {
      const answer = await http(api('/doctors'), { method: 'POST', token, body: doctorFor(patient) });
      assert.equal(answer.status, 403);
    }
    assert.ok((await rolesOf(patient)).includes('PATIENT'));
  });

  for (const [label, body] of [
    ['a missing cabinet', { user_id: UNKNOWN_ID, specialization_id: UNKNOWN_ID }],
    ['a malformed user id', { user_id: 'someone', specialization_id: UNKNOWN_ID, cabinet_id: UNKNOWN_ID }],
    ['negative experience', { user_id: UNKNOWN_ID, specialization_id: UNKNOWN_ID, cabinet_id: UNKNOWN_ID, years_experience: -1 }],
    ['experience as text', { user_id: UNKNOWN_ID, specialization_id: UNKNOWN_ID, cabinet_id: UNKNOWN_ID, years_experience: '5' }],
  ] as const) {
    it(`answers 400 for ${label}`, async () => {
      const answer = await http(api('/doctors'), { method: 'POST', token: admin, body });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.code, 'VALIDATION_FAILED');
    });
  }

  it('answers 400 for malformed JSON', async () => {
    const answer = await http(api('/doctors'), { method: 'POST', token: admin, rawBody: '{"user_id":' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'MALFORMED_JSON');
  });
});

describe('GET /doctors', () => {
  let admin: string;
  let specialization: Specialization;
  let cabinet: Cabinet;
  before(async () => {
    admin = await adminToken();
    [specialization, cabinet] = await Promise.all([createSpecialization({ admin }), createCabinet({ admin })]);
    // Three doctors of one specialization, two of them in one cabinet, one elsewhere in both.
    await Promise.all([
      createDoctor({ admin, schedule: [], specializationId: specialization.id, cabinetId: cabinet.id }),
      createDoctor({ admin, schedule: [], specializationId: specialization.id, cabinetId: cabinet.id }),
      createDoctor({ admin, schedule: [], specializationId: specialization.id }),
      createDoctor({ admin, schedule: [], cabinetId: cabinet.id }),
    ]);
  });

  it('lists doctors to anyone, with their specialization’s and cabinet’s names', async () => {
    const answer = await http(api('/doctors?limit=100'));
    assert.equal(answer.status, 200);
    assert.ok(answer.body.total >= 4);
    for (const doctor of answer.body.items) {
      assert.equal(typeof doctor.specialization.name, 'string');
      assert.equal(typeof doctor.cabinet.name, 'string');
      assert.equal(typeof doctor.cabinet.location, 'string');
    }
  });

  it('filters by specialization, by cabinet, and by both', async () => {
    const bySpecialization = await http(api(`/doctors?specialization_id=${specialization.id}`));
    assert.equal(bySpecialization.body.total, 3);
    assert.ok(bySpecialization.body.items.every((d: Json) => d.specialization.id === specialization.id));
    const byCabinet = await http(api(`/doctors?cabinet_id=${cabinet.id}`));
    assert.equal(byCabinet.body.total, 3);
    assert.ok(byCabinet.body.items.every((d: Json) => d.cabinet.name === cabinet.name));
    const byBoth = await http(api(`/doctors?specialization_id=${specialization.id}&cabinet_id=${cabinet.id}`));
    assert.equal(byBoth.body.total, 2);
    const none = await http(api(`/doctors?specialization_id=${UNKNOWN_ID}`));
    assert.deepEqual([none.status, none.body.total, none.body.items], [200, 0, []]);
  });

  it('pages through them by name', async () => {
    const pages = await Promise.all(
      [0, 1, 2].map((offset) => http(api(`/doctors?specialization_id=${specialization.id}&limit=1&offset=${offset}`))),
    );
    const ids = pages.map((page) => page.body.items[0].id);
    assert.equal(new Set(ids).size, 3);
    assert.ok(pages.every((page) => page.body.total === 3 && page.body.limit === 1));
    const names = pages.map((page) => page.body.items[0].full_name);
    assert.deepEqual(names, [...names].sort());
  });

  it('answers 400 for a malformed filter or page', async () => {
    assert.equal((await http(api('/doctors?specialization_id=cardiology'))).status, 400);
    assert.equal((await http(api('/doctors?limit=0'))).status, 400);
  });

  it('answers one doctor by id, 404 for an unknown id, 400 for a malformed one', async () => {
    const { doctor } = await createDoctor({ admin, schedule: [] });
    const found = await http(api(`/doctors/${doctor.id}`));
    assert.equal(found.status, 200);
    // The login email is for admins only: the public answer names no account.
    const { email: _email, ...shown } = doctor;
    assert.deepEqual(found.body, shown);
    assert.deepEqual((await http(api(`/doctors/${doctor.id}`), { token: admin })).body, doctor);
    assert.equal((await http(api(`/doctors/${UNKNOWN_ID}`))).status, 404);
    assert.equal((await http(api('/doctors/42'))).status, 400);
  });
});

describe('PUT /doctors/{id}', () => {
  let admin: string;
  before(async () => {
    admin = await adminToken();
  });

  it('moves a doctor to another cabinet and specialization and changes the bio, for an admin', async () => {
    const [{ doctor }, specialization, cabinet] = await Promise.all([
      createDoctor({ admin, schedule: [] }),
      createSpecialization({ admin }),
      createCabinet({ admin }),
    ]);
    const answer = await http(api(`/doctors/${doctor.id}`), {
      method: 'PUT',
      token: admin,
      body: { specialization_id: specialization.id, cabinet_id: cabinet.id, bio: null, years_experience: 6 },
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.specialization.name, specialization.name);
    assert.equal(answer.body.cabinet.name, cabinet.name);
    assert.equal(answer.body.bio, null);
    assert.equal(answer.body.years_experience, 6);
    assert.equal(answer.body.full_name, doctor.full_name);
  });

  it('answers 404 for an unknown doctor or cabinet, 400 for nothing to change, 403 to the doctor themselves', async () => {
    const { doctor, user } = await createDoctor({ admin, schedule: [] });
    const unknownCabinet = await http(api(`/doctors/${doctor.id}`), { method: 'PUT', token: admin, body: { cabinet_id: UNKNOWN_ID } });
    assert.equal(unknownCabinet.status, 404);
    assert.equal(unknownCabinet.body.error.message, 'Cabinet not found');
    assert.equal((await http(api(`/doctors/${UNKNOWN_ID}`), { method: 'PUT', token: admin, body: { bio: 'x' } })).status, 404);
    assert.equal((await http(api(`/doctors/${doctor.id}`), { method: 'PUT', token: admin, body: {} })).status, 400);
    assert.equal(
      (await http(api(`/doctors/${doctor.id}`), { method: 'PUT', token: user.token, body: { years_experience: 50 } })).status,
      403,
    );
    assert.equal((await http(api(`/doctors/${doctor.id}`))).body.years_experience, doctor.years_experience);
  });
});

describe('DELETE /doctors/{id}', () => {
  it('deletes a doctor with their schedule for an admin; 403 to the doctor, 404 once gone', async () => {
    const admin = await adminToken();
    const { doctor, user } = await createDoctor({
      admin,
      timeOff: [{ start_date: '2030-01-01', end_date: '2030-01-02', reason: 'vacation' }],
    });
    assert.equal((await http(api(`/doctors/${doctor.id}`), { method: 'DELETE', token: user.token })).status, 403);
    assert.equal((await http(api(`/doctors/${doctor.id}`), { method: 'DELETE' })).status, 401);
    assert.equal((await http(api(`/doctors/${doctor.id}`), { method: 'DELETE', token: admin })).status, 204);
    assert.equal((await http(api(`/doctors/${doctor.id}`))).status, 404);
    assert.equal((await http(api(`/doctors/${doctor.id}/schedule`))).status, 404);
    assert.equal((await http(api(`/doctors/${doctor.id}`), { method: 'DELETE', token: admin })).status, 404);
    // The user may be made a doctor again.
    const again = await http(api('/doctors'), {
      method: 'POST',
      token: admin,
      body: { user_id: user.id, specialization_id: doctor.specialization.id, cabinet_id: doctor.cabinet.id },
    });
    assert.equal(again.status, 201);
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { createCabinet, createDoctor, createSpecialization, doctorService as api } from '../../../tests/support/clinic.ts';
import { http } from '../../../tests/support/http.ts';
import { adminToken, registerPatient, type TestUser } from '../../../tests/support/identity.ts';

const UNKNOWN_ID = randomUUID();
const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

// Specializations and cabinets follow the same rules; each is tested with its own fields.
const resources = [
  {
    path: '/specializations',
    valid: () => ({ name: unique('Cardiology'), description: 'Heart and blood vessels' }),
    invalid: [
      ['a missing name', { description: 'No name' }],
      ['a blank name', { name: '   ' }],
      ['a name that is not text', { name: 42 }],
      ['a field it does not know', { name: unique('Extra'), colour: 'red' }],
    ],
    change: { description: 'Changed description' },
    taken: 'SPECIALIZATION_EXISTS',
    inUse: 'SPECIALIZATION_IN_USE',
    create: createSpecialization,
    doctorUsing: (id: string) => createDoctor({ specializationId: id, schedule: [] }),
  },
  {
    path: '/cabinets',
    valid: () => ({ name: unique('Cabinet'), location: 'Main building, Str. Sănătății 10', floor: 2 }),
    invalid: [
      ['a missing location', { name: unique('Cabinet'), floor: 1 }],
      ['a floor that is not a whole number', { name: unique('Cabinet'), location: 'Wing B', floor: 1.5 }],
      ['a floor given as text', { name: unique('Cabinet'), location: 'Wing B', floor: '2' }],
      ['a blank location', { name: unique('Cabinet'), location: ' ', floor: 0 }],
    ],
    change: { floor: -1 },
    taken: 'CABINET_EXISTS',
    inUse: 'CABINET_IN_USE',
    create: createCabinet,
    doctorUsing: (id: string) => createDoctor({ cabinetId: id, schedule: [] }),
  },
] as const;

for (const resource of resources) {
  const { path } = resource;

  describe(`${path}`, () => {
    let admin: string;
    let patient: TestUser;
    let doctorUser: TestUser;
    before(async () => {
      admin = await adminToken();
      patient = await registerPatient('catalog');
      doctorUser = (await createDoctor({ schedule: [] })).user;
    });

    describe(`POST ${path}`, () => {
      it('creates one for an admin', async () => {
        const body = resource.valid();
        const answer = await http(api(path), { method: 'POST', token: admin, body });
        assert.equal(answer.status, 201);
        assert.match(answer.body.id, /^[0-9a-f-]{36}$/);
        for (const [field, value] of Object.entries(body)) assert.equal(answer.body[field], value, field);
        assert.ok(Date.parse(answer.body.created_at));
      });

      it('answers 401 without a token and 403 to a patient or a doctor, creating nothing', async () => {
        const body = resource.valid();
        assert.equal((await http(api(path), { method: 'POST', body })).status, 401);
        for (const token of [patient.token, doctorUser.token]) {
          const answer = await http(api(path), { method: 'POST', token, body });
          assert.equal(answer.status, 403);
          assert.equal(answer.body.error.code, 'FORBIDDEN');
        }
        const created = await http(api(path), { method: 'POST', token: admin, body });
        assert.equal(created.status, 201, 'the name was still free');
      });

      it('answers 409 for a name already taken, whatever its case', async () => {
        const body = resource.valid();
        assert.equal((await http(api(path), { method: 'POST', token: admin, body })).status, 201);
        const again = await http(api(path), { method: 'POST', token: admin, body: { ...body, name: body.name.toUpperCase() } });
        assert.equal(again.status, 409);
        assert.equal(again.body.error.code, resource.taken);
      });

      for (const [label, body] of resource.invalid) {
        it(`answers 400 for ${label}`, async () => {
          const answer = await http(api(path), { method: 'POST', token: admin, body });
          assert.equal(answer.status, 400);
          assert.equal(answer.body.error.code, 'VALIDATION_FAILED');
        });
      }

      it('answers 400 for malformed JSON', async () => {
        const answer = await http(api(path), { method: 'POST', token: admin, rawBody: '{"name": ' });
        assert.equal(answer.status, 400);
        assert.equal(answer.body.error.code, 'MALFORMED_JSON');
      });
    });

    describe(`GET ${path}`, () => {
      it('lists them to anyone, by name, page by page', async () => {
        for (let i = 0; i < 3; i++) await resource.create({ admin });
        const first = await http(api(`${path}?limit=2&offset=0`));
        assert.equal(first.status, 200);
        assert.equal(first.body.items.length, 2);
        assert.equal(first.body.limit, 2);
        assert.ok(first.body.total >= 3);
        const second = await http(api(`${path}?limit=2&offset=2`));
        assert.equal(second.body.total, first.body.total);
        assert.notEqual(second.body.items[0].id, first.body.items[1].id);
        const names = first.body.items.map((item: { name: string }) => item.name.toLowerCase());
        assert.deepEqual(names, [...names].sort());
      });

      it('keeps the total on a page past the end', async () => {
        const all = await http(api(path));
        const beyond = await http(api(`${path}?offset=100000`));
        assert.equal(beyond.status, 200);
        assert.deepEqual(beyond.body.items, []);
        assert.equal(beyond.body.total, all.body.total);
      });

      it('answers 400 for a page too large or a negative offset', async () => {
        assert.equal((await http(api(`${path}?limit=1000`))).status, 400);
        assert.equal((await http(api(`${path}?offset=-1`))).status, 400);
      });

      it('answers one by id, 404 for an unknown id and 400 for a malformed one', async () => {
        const created = await resource.create({ admin });
        const found = await http(api(`${path}/${created.id}`));
        assert.equal(found.status, 200);
        assert.equal(found.body.name, created.name);
        const unknown = await http(api(`${path}/${UNKNOWN_ID}`));
        assert.equal(unknown.status, 404);
        assert.equal(unknown.body.error.code, 'NOT_FOUND');
        assert.equal((await http(api(`${path}/not-a-uuid`))).status, 400);
      });
    });

    describe(`PUT ${path}/{id}`, () => {
      it('changes the given fields for an admin', async () => {
        const created = await resource.create({ admin });
        const name = unique('Renamed');
        const answer = await http(api(`${path}/${created.id}`), { method: 'PUT', token: admin, body: { ...resource.change, name } });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.name, name);
        for (const [field, value] of Object.entries(resource.change)) assert.equal(answer.body[field], value);
        assert.ok(answer.body.updated_at >= created.updated_at);
      });

      it('answers 409 for a name another one has, 404 for an unknown id, 400 for nothing to change, 403 to a patient', async () => {
        const [one, other] = await Promise.all([resource.create({ admin }), resource.create({ admin })]);
        const taken = await http(api(`${path}/${one.id}`), { method: 'PUT', token: admin, body: { name: other.name } });
        assert.equal(taken.status, 409);
        assert.equal(taken.body.error.code, resource.taken);
        assert.equal((await http(api(`${path}/${UNKNOWN_ID}`), { method: 'PUT', token: admin, body: resource.change })).status, 404);
        assert.equal((await http(api(`${path}/${one.id}`), { method: 'PUT', token: admin, body: {} })).status, 400);
        assert.equal((await http(api(`${path}/${one.id}`), { method: 'PUT', token: patient.token, body: resource.change })).status, 403);
        assert.equal((await http(api(`${path}/${one.id}`))).body.name, one.name);
      });
    });

    describe(`DELETE ${path}/{id}`, () => {
      it('deletes one no doctor uses', async () => {
        const created = await resource.create({ admin });
        assert.equal((await http(api(`${path}/${created.id}`), { method: 'DELETE', token: doctorUser.token })).status, 403);
        assert.equal((await http(api(`${path}/${created.id}`), { method: 'DELETE' })).status, 401);
        assert.equal((await http(api(`${path}/${created.id}`), { method: 'DELETE', token: admin })).status, 204);
        assert.equal((await http(api(`${path}/${created.id}`))).status, 404);
        assert.equal((await http(api(`${path}/${created.id}`), { method: 'DELETE', token: admin })).status, 404);
      });

      it('answers 409 saying so while a doctor uses it, and deletes it once the doctor is gone', async () => {
        const created = await resource.create({ admin });
        const { doctor } = await resource.doctorUsing(created.id);
        const refused = await http(api(`${path}/${created.id}`), { method: 'DELETE', token: admin });
        assert.equal(refused.status, 409);
        assert.equal(refused.body.error.code, resource.inUse);
        assert.match(refused.body.error.message, /still used by a doctor/);
        assert.equal((await http(api(`${path}/${created.id}`))).status, 200);
        assert.equal((await http(api(`/doctors/${doctor.id}`), { method: 'DELETE', token: admin })).status, 204);
        assert.equal((await http(api(`${path}/${created.id}`), { method: 'DELETE', token: admin })).status, 204);
      });
    });
  });
}

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { clinicDate, createDoctor, createSpecialization, doctorService as api, isoWeekday } from '../../../tests/support/clinic.ts';
import { http, type Json } from '../../../tests/support/http.ts';
import { adminToken, passwordToken, registerPatient, serviceToken } from '../../../tests/support/identity.ts';

const consultation = { name_ro: 'Consultație inițială', name_en: 'First consultation', duration_minutes: 60, price_text: '250 lei' };
const control = { name_ro: 'Control', name_en: 'Follow-up', duration_minutes: 20 };
const names = (body: Json) => (body.items as Array<{ name_en: string }>).map((type) => type.name_en);

describe('visit types', () => {
  let admin: string;
  let patient: string;

  before(async () => {
    admin = await adminToken();
    const user = await registerPatient('visit-types');
    patient = await passwordToken(user.email, user.password);
  });

  const post = (path: string, body: unknown, token = admin) => http(api(path), { method: 'POST', token, body });

  it('offers a doctor their specialization’s defaults, and to patients only those bookable online', async () => {
    const specialization = await createSpecialization();
    assert.equal((await post(`/specializations/${specialization.id}/visit-types`, consultation)).status, 201);
    const deskOnly = await post(`/specializations/${specialization.id}/visit-types`, { ...control, online_bookable: false });
    assert.equal(deskOnly.status, 201);
    assert.deepEqual(
      [deskOnly.body.duration_minutes, deskOnly.body.online_bookable, deskOnly.body.archived, deskOnly.body.price_text],
      [20, false, false, null],
    );
    const { doctor, user } = await createDoctor({ specializationId: specialization.id });

    const anonymous = await http(api(`/doctors/${doctor.id}/visit-types`));
    assert.equal(anonymous.status, 200);
    assert.deepEqual([names(anonymous.body), anonymous.body.source], [['First consultation'], 'SPECIALIZATION']);
    assert.equal(anonymous.body.items[0].name_ro, 'Consultație inițială');
    assert.equal(anonymous.body.items[0].price_text, '250 lei');
    assert.deepEqual(names((await http(api(`/doctors/${doctor.id}/visit-types`), { token: patient })).body), ['First consultation']);
    assert.deepEqual(names((await http(api(`/doctors/${doctor.id}/visit-types`), { token: user.token })).body), [
      'First consultation',
      'Follow-up',
    ]);
    assert.deepEqual(names((await http(api(`/doctors/${doctor.id}/visit-types`), { token: admin })).body), [
      'First consultation',
      'Follow-up',
    ]);
  });

  it('offers a doctor’s own types instead of the defaults, and the defaults again when their own are archived', async () => {
    const specialization = await createSpecialization();
    await post(`/specializations/${specialization.id}/visit-types`, consultation);
    const { doctor } = await createDoctor({ specializationId: specialization.id });
    const own = await post(`/doctors/${doctor.id}/visit-types`, { name_ro: 'Ecografie', name_en: 'Ultrasound', duration_minutes: 45 });
    assert.equal(own.status, 201);
    assert.equal(own.body.doctor_id, doctor.id);
    const list = (await http(api(`/doctors/${doctor.id}/visit-types`))).body;
    assert.deepEqual([names(list), list.source], [['Ultrasound'], 'DOCTOR']);

    const archived = await http(api(`/visit-types/${own.body.id}/archive`), { method: 'POST', token: admin });
    assert.equal(archived.status, 200);
    assert.equal(archived.body.archived, true);
    assert.deepEqual(names((await http(api(`/doctors/${doctor.id}/visit-types`))).body), ['First consultation']);
    const withArchived = await http(api(`/doctors/${doctor.id}/visit-types?include_archived=true`), { token: admin });
    assert.deepEqual(names(withArchived.body), ['Ultrasound'], 'the admin managing the doctor’s own types sees the archived one');

    const renamed = await http(api(`/visit-types/${own.body.id}`), {
      method: 'PUT',
      token: admin,
      body: { archived: false, name_en: 'Echo' },
    });
    assert.equal(renamed.status, 200);
    assert.deepEqual(names((await http(api(`/doctors/${doctor.id}/visit-types`))).body), ['Echo']);
  });

  it('lets only an admin keep visit types, refusing bad durations and unknown owners', async () => {
    const specialization = await createSpecialization();
    const { doctor, user } = await createDoctor({ specializationId: specialization.id });
    assert.equal((await post(`/specializations/${specialization.id}/visit-types`, consultation, patient)).status, 403);
    assert.equal((await post(`/doctors/${doctor.id}/visit-types`, consultation, user.token)).status, 403);
    assert.equal((await http(api(`/doctors/${doctor.id}/visit-types`), { method: 'POST', body: consultation })).status, 401);
    for (const duration_minutes of [0, 7, 485, 30.5]) {
      const answer = await post(`/doctors/${doctor.id}/visit-types`, { ...consultation, duration_minutes });
      assert.equal(answer.status, 400, `${duration_minutes} minutes`);
    }
    assert.equal((await post(`/doctors/${doctor.id}/visit-types`, { ...consultation, name_ro: ' ' })).status, 400);
    assert.equal((await post(`/doctors/${randomUUID()}/visit-types`, consultation)).status, 404);
    assert.equal((await post(`/specializations/${randomUUID()}/visit-types`, consultation)).status, 404);
    assert.equal((await http(api(`/visit-types/${randomUUID()}`), { method: 'PUT', token: admin, body: { archived: true } })).status, 404);
    assert.equal((await http(api(`/doctors/${randomUUID()}/visit-types`))).status, 404);
    assert.deepEqual((await http(api(`/doctors/${doctor.id}/visit-types`))).body.items, [], 'nothing was made');
  });

  it('gives free times of a visit type’s length on the schedule’s grid, and names the types in the booking profile', async () => {
    const date = clinicDate(3);
    const specialization = await createSpecialization();
    const { doctor } = await createDoctor({
      specializationId: specialization.id,
      schedule: [{ weekday: isoWeekday(date), start_time: '09:00', end_time: '11:00', slot_minutes: 30 }],
    });
    const long = (await post(`/doctors/${doctor.id}/visit-types`, consultation)).body;
    const short = (await post(`/doctors/${doctor.id}/visit-types`, control)).body;
    const times = async (visitTypeId?: string) => {
      const answer = await http(
        api(`/doctors/${doctor.id}/available-slots?date=${date}${visitTypeId ? `&visit_type_id=${visitTypeId}` : ''}`),
      );
      assert.equal(answer.status, 200);
      return (answer.body.slots as Array<{ start: string; end: string }>).map(
        (slot) => `${slot.start.slice(11, 16)}-${slot.end.slice(11, 16)}`,
      );
    };
    assert.deepEqual(await times(long.id), ['09:00-10:00', '09:30-10:30', '10:00-11:00']);
    assert.deepEqual(await times(short.id), ['09:00-09:20', '09:30-09:50', '10:00-10:20', '10:30-10:50']);
    assert.deepEqual(await times(), ['09:00-09:30', '09:30-10:00', '10:00-10:30', '10:30-11:00'], 'one slot without a visit type');
    const week = await http(api(`/doctors/${doctor.id}/availability?from=${date}&days=1&visit_type_id=${long.id}`));
    assert.deepEqual(
      (week.body.dates[0].slots as Array<{ start: string }>).map((slot) => slot.start.slice(11, 16)),
      ['09:00', '09:30', '10:00'],
      'the availability of several days answers per visit type too',
    );
    const unknown = await http(api(`/doctors/${doctor.id}/available-slots?date=${date}&visit_type_id=${randomUUID()}`));
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'NOT_FOUND']);

    const profile = await http(api(`/internal/doctors/${doctor.id}/booking-profile`), { token: await serviceToken() });
    assert.deepEqual(
      (profile.body.visit_types as Array<{ name_en: string; duration_minutes: number }>).map((t) => [t.name_en, t.duration_minutes]),
      [
        ['First consultation', 60],
        ['Follow-up', 20],
      ],
    );
  });
});

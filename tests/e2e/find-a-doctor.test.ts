import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Doctor, Specialization } from '@clinic/contracts';
import { clinicDate, createCabinet, createDoctor, createSpecialization, isoWeekday } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import { testStack } from '../support/stack.ts';

const gateway = (path: string) => `${testStack().gatewayUrl}${path}`;

describe('an anonymous visitor finds a doctor and a free time through the gateway', () => {
  // Two days ahead: the whole of that day is still to come.
  const date = clinicDate(2);
  let dermatology: Specialization;
  let dermatologist: Doctor;

  before(async () => {
    const cabinet = await createCabinet({ location: 'Main building, ground floor', floor: 0 });
    dermatology = await createSpecialization({ description: 'Skin, hair and nails' });
    ({ doctor: dermatologist } = await createDoctor({
      specializationId: dermatology.id,
      cabinetId: cabinet.id,
      schedule: [{ weekday: isoWeekday(date), start_time: '09:00', end_time: '12:00', slot_minutes: 60 }],
    }));
    await createDoctor({ cabinetId: cabinet.id });
  });

  it('lists the specializations, filters the doctors by one, and reads a doctor’s free slots', async () => {
    // Page by page: the whole suite makes more specializations than one page holds.
    const listed: Specialization[] = [];
    for (let offset = 0, total = 1; offset < total; offset += 100) {
      const page = await http(gateway(`/api/specializations?limit=100&offset=${offset}`));
      assert.equal(page.status, 200);
      listed.push(...page.body.items);
      total = page.body.total;
    }
    assert.ok(listed.some((s) => s.id === dermatology.id));

    const doctors = await http(gateway(`/api/doctors?specialization_id=${dermatology.id}`));
    assert.equal(doctors.status, 200);
    assert.deepEqual(
      doctors.body.items.map((d: Doctor) => [d.id, d.specialization.name, d.cabinet.location]),
      [[dermatologist.id, dermatology.name, 'Main building, ground floor']],
    );

    const schedule = await http(gateway(`/api/doctors/${dermatologist.id}/schedule`));
    assert.equal(schedule.status, 200);
    assert.equal(schedule.body.entries.length, 1);

    const slots = await http(gateway(`/api/doctors/${dermatologist.id}/available-slots?date=${date}`), {
      headers: { 'x-request-id': 'find-a-doctor-1' },
    });
    assert.equal(slots.status, 200);
    assert.equal(slots.headers.get('x-request-id'), 'find-a-doctor-1');
    assert.deepEqual(
      slots.body.slots.map((slot: { start: string }) => slot.start.slice(0, 16)),
      [`${date}T09:00`, `${date}T10:00`, `${date}T11:00`],
    );
  });

  it('may not see a doctor’s time off nor change anything without logging in', async () => {
    assert.equal((await http(gateway(`/api/doctors/${dermatologist.id}/time-off`))).status, 401);
    const change = await http(gateway('/api/specializations'), { method: 'POST', body: { name: 'Anonymous' } });
    assert.equal(change.status, 401);
    assert.equal(change.body.error.code, 'UNAUTHORIZED');
  });

  it('cannot reach doctor-service’s internal routes', async () => {
    const answer = await http(gateway(`/api/internal/doctors/${dermatologist.id}/booking-profile`));
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error.code, 'ROUTE_NOT_FOUND');
  });

  it('finds every doctor-service route in its API documentation', async () => {
    const spec = await http(gateway('/api/openapi/doctor-service.json'));
    assert.equal(spec.status, 200);
    for (const path of [
      '/doctors',
      '/doctors/{id}',
      '/specializations',
      '/specializations/{id}',
      '/cabinets',
      '/cabinets/{id}',
      '/doctors/{id}/schedule',
      '/doctors/{doctor_id}/schedule/{schedule_id}',
      '/doctors/{id}/time-off',
      '/doctors/{doctor_id}/time-off/{time_off_id}',
      '/doctors/{id}/available-slots',
    ]) {
      assert.ok(spec.body.paths[path], path);
    }
  });
});

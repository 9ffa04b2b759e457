// The clinic's closed days and a doctor's minimum notice and buffer, set by the admin through the
// gateway and seen by a patient in the free times, the booking answers and the published rules.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ALL_WEEK, clinicDate, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import { adminToken } from '../support/identity.ts';
import { bookThroughGateway, gateway, registerNamedPatient } from '../support/notifications.ts';
import type { TestUser } from '../support/identity.ts';

// Far enough ahead that no other test books on it while this one closes the clinic.
const CLOSED = clinicDate(83);

const slotsOf = async (doctorId: string, date: string) => (await http(gateway(`/doctors/${doctorId}/available-slots?date=${date}`))).body;
const book = (patient: TestUser, doctorId: string, slot: { start: string; end: string }) =>
  http(gateway('/appointments'), {
    method: 'POST',
    token: patient.token,
    headers: { 'idempotency-key': randomUUID() },
    body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
  });
const setLimits = (token: string, doctorId: string, body: unknown) =>
  http(gateway(`/doctors/${doctorId}/booking-limits`), { method: 'PUT', token, body });

describe('closed days, minimum notice and buffers', () => {
  let created: CreatedDoctor;
  let admin: string;
  let patient: TestUser;

  before(async () => {
    created = await createDoctor({ schedule: ALL_WEEK });
    admin = await adminToken();
    patient = await registerNamedPatient('Ioana Vasilescu');
  });

  after(async () => {
    await http(gateway(`/doctors/closed-days/${CLOSED}`), { method: 'DELETE', token: admin });
  });

  it('lets only an admin close the clinic on a date, which every doctor’s free times and bookings then show', async () => {
    const doctorId = created.doctor.id;
    const [open] = (await slotsOf(doctorId, CLOSED)).slots;
    assert.ok(open, 'the doctor works that day');
    const day = { date: CLOSED, name_ro: 'Ziua clinicii', name_en: 'Clinic day' };
    const post = (token: string | undefined, body: unknown) => http(gateway('/doctors/closed-days'), { method: 'POST', token, body });
    assert.equal((await post(undefined, day)).status, 401);
    assert.equal((await post(patient.token, day)).status, 403);
    assert.equal((await post(admin, { ...day, date: '2026-02-30' })).status, 400);
    assert.equal((await post(admin, { ...day, name_ro: '' })).status, 400);
    const added = await post(admin, day);
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.deepEqual(added.body, day);
    assert.equal((await post(admin, day)).status, 409);

    const listed = await http(gateway(`/doctors/closed-days?from=${CLOSED}`));
    assert.deepEqual(listed.body.items[0], day);
    const rules = await http(gateway('/doctors/booking-rules'));
    assert.ok(rules.body.closed_days.some((closed: { date: string }) => closed.date === CLOSED));
    assert.equal(rules.body.min_notice_minutes, 0, 'the test stack’s default');
    // The same rules, published with the appointment rules a client reads before booking.
    const appointmentRules = await http(gateway('/appointments/rules'), { token: patient.token });
    assert.equal(appointmentRules.status, 200);
    assert.deepEqual(appointmentRules.body.booking, rules.body);

    const closed = await slotsOf(doctorId, CLOSED);
    assert.deepEqual(
      { slots: closed.slots, reason: closed.reason, closed_day: closed.closed_day },
      {
        slots: [],
        reason: 'CLOSED',
        closed_day: { name_ro: 'Ziua clinicii', name_en: 'Clinic day' },
      },
    );
    const week = await http(gateway(`/doctors/${doctorId}/availability?from=${CLOSED}&days=2`));
    assert.equal(week.body.dates[0].reason, 'CLOSED');
    assert.equal(week.body.dates[0].closed_day.name_en, 'Clinic day');
    assert.ok(week.body.dates[1].slots.length > 0, 'the next day is open');
    const refused = await book(patient, doctorId, open);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'CLOSED');

    const remove = (token: string) => http(gateway(`/doctors/closed-days/${CLOSED}`), { method: 'DELETE', token });
    assert.equal((await remove(patient.token)).status, 403);
    assert.equal((await remove(admin)).status, 204);
    assert.equal((await remove(admin)).status, 404);
    assert.equal((await slotsOf(doctorId, CLOSED)).slots.length, 24);
  });

  it('keeps a doctor’s times inside their minimum notice from being booked online', async () => {
    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    assert.deepEqual((await http(gateway(`/doctors/${doctor.id}/booking-limits`))).body, {
      min_notice_minutes: null,
      buffer_minutes: null,
      effective: { min_notice_minutes: 0, buffer_minutes: 0 },
    });
    const [tomorrow] = (await slotsOf(doctor.id, clinicDate(1))).slots;
    assert.equal((await setLimits(patient.token, doctor.id, { min_notice_minutes: 2880, buffer_minutes: null })).status, 403);
    assert.equal((await setLimits(admin, doctor.id, { min_notice_minutes: -1, buffer_minutes: null })).status, 400);
    assert.equal((await setLimits(admin, randomUUID(), { min_notice_minutes: 10, buffer_minutes: null })).status, 404);
    // Two days: every time of tomorrow is inside it, whatever the hour now; none of the day after next is.
    const set = await setLimits(admin, doctor.id, { min_notice_minutes: 2880, buffer_minutes: null });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body.effective, { min_notice_minutes: 2880, buffer_minutes: 0 });
    const soon = await slotsOf(doctor.id, clinicDate(1));
    assert.deepEqual({ slots: soon.slots, reason: soon.reason }, { slots: [], reason: 'TOO_SOON' });
    assert.equal((await slotsOf(doctor.id, clinicDate(3))).slots.length, 24);
    const refused = await book(patient, doctor.id, tomorrow);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'TOO_SOON');

    await setLimits(admin, doctor.id, { min_notice_minutes: null, buffer_minutes: null });
    assert.equal((await slotsOf(doctor.id, clinicDate(1))).slots[0].start, tomorrow!.start, 'the clinic’s default again');
  });

  it('keeps the doctor’s buffer free after each appointment', async () => {
    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    const set = await setLimits(admin, doctor.id, { min_notice_minutes: null, buffer_minutes: 30 });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const [first, second, third] = (await slotsOf(doctor.id, clinicDate(4))).slots;
    await bookThroughGateway(patient, doctor.id, first);
    const left = (await slotsOf(doctor.id, clinicDate(4))).slots.map((slot: { start: string }) => slot.start);
    assert.equal(left.includes(second!.start), false, 'the half hour after the appointment is kept free');
    assert.equal(left[0], third!.start);
    const other = await registerNamedPatient('Mihai Dobre');
    const tooClose = await book(other, doctor.id, second);
    assert.equal(tooClose.status, 409);
    assert.equal(tooClose.body.error.code, 'TOO_CLOSE');
    assert.equal((await book(other, doctor.id, third)).status, 201);
  });
});

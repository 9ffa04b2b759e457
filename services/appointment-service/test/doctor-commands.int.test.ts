// The doctor commands of the booking queue through appointment-service's internal routes, as
// doctor-service sends them: which appointments stand in the way of a doctor leaving, which ones a
// changed calendar no longer holds, and their cancellation. doctor-service's own tests
// (test/departures.int.test.ts, test/calendar-changes.int.test.ts there) follow the whole request.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import pg from 'pg';
import { freeSlots, withAppointmentsDb, type Slot } from '../../../tests/support/booking.ts';
import { ALL_WEEK, createDoctor, type CreatedDoctor } from '../../../tests/support/clinic.ts';
import { http, type Json } from '../../../tests/support/http.ts';
import { adminToken, registerPatient, serviceToken, type TestUser } from '../../../tests/support/identity.ts';
import { testStack } from '../../../tests/support/stack.ts';

const api = (path: string) => `${testStack().services['appointment-service-2']}${path}`;

const book = async (patient: TestUser, doctorId: string, slot: Slot) => {
  const answer = await http(api('/appointments'), {
    method: 'POST',
    token: patient.token,
    body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
  });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
};

const asService = async (path: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(api(path), { method: 'POST', token: await serviceToken(), body: body ?? {}, headers });

/** The events recorded for an appointment, in order. */
const eventsOf = (appointmentId: string) =>
  withAppointmentsDb(
    async (db) =>
      (await db.query('SELECT type, payload FROM appointment_events WHERE appointment_id = $1 ORDER BY created_at, id', [appointmentId]))
        .rows,
  );

describe('POST /internal/doctors/{id}/retire', () => {
  let doctor: CreatedDoctor;
  let patient: TestUser;
  let slots: Slot[];

  before(async () => {
    [doctor, patient] = await Promise.all([createDoctor({ schedule: ALL_WEEK }), registerPatient('retire-check')]);
    slots = await freeSlots(doctor.doctor.id, 3);
  });

  it('lists the doctor’s active appointments not ended yet, earliest first, with their patient’s name', async () => {
    const later = await book(patient, doctor.doctor.id, slots[1]!);
    const sooner = await book(patient, doctor.doctor.id, slots[0]!);
    const cancelled = await book(patient, doctor.doctor.id, slots[2]!);
    await http(api(`/appointments/${cancelled.id}/cancel`), { method: 'PUT', token: patient.token });
    const answer = await asService(`/internal/doctors/${doctor.doctor.id}/retire`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(
      answer.body.appointments,
      [sooner, later].map((a) => ({ id: a.id, start_time: a.start_time, end_time: a.end_time, patient_name: 'Test retire-check' })),
    );
  });

  it('lists none for a doctor without appointments, or one nobody knows', async () => {
    const idle = await createDoctor({ schedule: [] });
    for (const id of [idle.doctor.id, randomUUID()]) {
      const answer = await asService(`/internal/doctors/${id}/retire`);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { appointments: [] });
    }
  });

  it('answers users 403, even an admin, and no token 401', async () => {
    const path = `/internal/doctors/${doctor.doctor.id}/retire`;
    assert.equal((await http(api(path), { method: 'POST', body: {} })).status, 401);
    for (const token of [patient.token, doctor.user.token, await adminToken()]) {
      assert.equal((await http(api(path), { method: 'POST', token, body: {} })).status, 403);
    }
  });
});

describe('POST /internal/doctors/{id}/reconcile', () => {
  let doctor: CreatedDoctor;
  let patient: TestUser;
  let booked: Record<string, Json>;
  let other: Record<string, Json>;

  before(async () => {
    [doctor, patient] = await Promise.all([createDoctor({ schedule: ALL_WEEK }), registerPatient('reconcile')]);
    const slots = await freeSlots(doctor.doctor.id, 40);
    booked = await book(patient, doctor.doctor.id, slots[0]!);
    // Another day's appointment: stays whatever happens to the first one's day.
    const otherDay = slots.find((slot) => slot.start.slice(0, 10) !== slots[0]!.start.slice(0, 10))!;
    other = await book(patient, doctor.doctor.id, otherDay);
  });

  /** Time off on the first appointment's day, straight in doctor-service's table (the route itself would reconcile). */
  const timeOffOnItsDay = async () => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest' }).format(new Date(booked.start_time));
    const db = new pg.Client({ connectionString: testStack().postgres.roles.doctor_service!.url });
    await db.connect();
    try {
      await db.query(`INSERT INTO time_off (doctor_id, start_date, end_date, reason) VALUES ($1, $2, $2, 'Reconcile test')`, [
        doctor.doctor.id,
        day,
      ]);
    } finally {
      await db.end();
    }
  };

  it('lists nothing while the calendar holds every appointment', async () => {
    const answer = await asService(`/internal/doctors/${doctor.doctor.id}/reconcile`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body, { appointments: [], cancelled: false });
  });

  it('lists the appointments on a day that became time off, touching none of them', async () => {
    await timeOffOnItsDay();
    const answer = await asService(`/internal/doctors/${doctor.doctor.id}/reconcile`);
    assert.deepEqual(answer.body, {
      appointments: [{ id: booked.id, start_time: booked.start_time, end_time: booked.end_time, patient_name: 'Test reconcile' }],
      cancelled: false,
    });
    assert.equal((await http(api(`/appointments/${booked.id}`), { token: patient.token })).body.status, 'PENDING');
  });

  it('cancels them with the reason when asked, once under one Idempotency-Key', async () => {
    const key = randomUUID();
    const cancellation = { reason: 'The doctor is away that day', cancelled_by: 'ADMIN' };
    const first = await asService(`/internal/doctors/${doctor.doctor.id}/reconcile`, { cancellation }, { 'idempotency-key': key });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.cancelled, true);
    assert.deepEqual(
      first.body.appointments.map((a: { id: string }) => a.id),
      [booked.id],
    );
    const again = await asService(`/internal/doctors/${doctor.doctor.id}/reconcile`, { cancellation }, { 'idempotency-key': key });
    assert.deepEqual(again.body, first.body, 'the first outcome, replayed');

    assert.equal((await http(api(`/appointments/${booked.id}`), { token: patient.token })).body.status, 'CANCELLED');
    assert.equal((await http(api(`/appointments/${other.id}`), { token: patient.token })).body.status, 'PENDING');
    const cancelledEvents = (await eventsOf(booked.id)).filter((e) => e.type === 'CANCELLED');
    assert.equal(cancelledEvents.length, 1, 'one CANCELLED event, not one per request');
    assert.equal(cancelledEvents[0].payload.cancelledBy, 'ADMIN');
    assert.equal(cancelledEvents[0].payload.reason, 'The doctor is away that day');
    // Its time is free again: doctor-service no longer counts it busy.
    const busy = await http(api(`/internal/busy?doctor_id=${doctor.doctor.id}&from=${booked.start_time}&to=${booked.end_time}`), {
      token: await serviceToken(),
    });
    assert.deepEqual(busy.body.intervals, []);
  });

  it('answers 422 for an Idempotency-Key used for another request, 404 for a doctor nobody knows', async () => {
    const key = randomUUID();
    await asService(`/internal/doctors/${doctor.doctor.id}/reconcile`, {}, { 'idempotency-key': key });
    const reused = await asService(
      `/internal/doctors/${doctor.doctor.id}/reconcile`,
      { cancellation: { reason: 'x', cancelled_by: 'DOCTOR' } },
      { 'idempotency-key': key },
    );
    assert.equal(reused.status, 422);
    assert.equal(reused.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
    const unknown = await asService(`/internal/doctors/${randomUUID()}/reconcile`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'DOCTOR_NOT_FOUND');
  });

  it('answers 400 for a cancellation without a reason or with an unknown canceller', async () => {
    for (const cancellation of [
      { cancelled_by: 'ADMIN' },
      { reason: 'x', cancelled_by: 'PATIENT' },
      { reason: 'line\nbreak', cancelled_by: 'ADMIN' },
    ]) {
      const answer = await asService(`/internal/doctors/${doctor.doctor.id}/reconcile`, { cancellation });
      assert.equal(answer.status, 400, JSON.stringify(cancellation));
    }
  });
});

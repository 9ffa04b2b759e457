import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { freeSlots, withAppointmentsDb, type Slot } from '../../../tests/support/booking.ts';
import { ALL_WEEK, createDoctor } from '../../../tests/support/clinic.ts';
import { http, type Json } from '../../../tests/support/http.ts';
import { adminToken, registerPatient, serviceToken, type TestUser } from '../../../tests/support/identity.ts';
import { testStack } from '../../../tests/support/stack.ts';
import { connectBroker, EVENTS_EXCHANGE } from '@clinic/messaging';

const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

const api = (path: string) => `${testStack().services['appointment-service-1']}${path}`;

const book = (patient: TestUser, doctorId: string, slot: Slot, headers: Record<string, string> = {}) =>
  http(api('/appointments'), {
    method: 'POST',
    token: patient.token,
    headers,
    body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
  });

/**
 * The appointment's lifecycle events in order; PDF_GENERATED and REMINDER_DUE are left out, as the PDF
 * generator and notification-service's reminder run record them at their own pace (test/pdf.int.test.ts
 * and tests/e2e/notifications-resilience.test.ts check them).
 */
const lifecycleEvents = (appointmentId: string) =>
  withAppointmentsDb(async (db) =>
    (
      await db.query(
        `SELECT type FROM appointment_events WHERE appointment_id = $1 AND type NOT IN ('PDF_GENERATED', 'REMINDER_DUE') ORDER BY created_at`,
        [appointmentId],
      )
    ).rows.map((r) => r.type),
  );

const countRows = () => withAppointmentsDb(async (db) => Number((await db.query('SELECT count(*) AS n FROM appointments')).rows[0].n));

describe('appointments: routes, roles and ownership', () => {
  let doctor: { id: string; user_id: string };
  let doctorUser: TestUser;
  let otherDoctorUser: TestUser;
  let admin: string;
  let patient: TestUser;
  let stranger: TestUser;
  let slots: Slot[];

  before(async () => {
    ({ doctor, user: doctorUser } = await createDoctor({ schedule: ALL_WEEK }));
    ({ user: otherDoctorUser } = await createDoctor({ schedule: ALL_WEEK }));
    admin = await adminToken();
    patient = await registerPatient('owner');
    stranger = await registerPatient('stranger');
    slots = await freeSlots(doctor.id, 8);
  });

  it('books a free slot as PENDING with the names shown on the PDF, and records a CREATED event', async () => {
    const answer = await book(patient, doctor.id, slots[0]!);
    assert.equal(answer.status, 201);
    assert.equal(answer.body.status, 'PENDING');
    assert.equal(answer.body.patient_id, patient.id);
    assert.equal(answer.body.doctor_id, doctor.id);
    assert.equal(new Date(answer.body.start_time).getTime(), new Date(slots[0]!.start).getTime());
    for (const field of ['patient_name', 'doctor_name', 'specialization_name', 'cabinet_name', 'cabinet_location']) {
      assert.ok(answer.body[field], `${field} is filled`);
    }
    assert.deepEqual(await lifecycleEvents(answer.body.id), ['CREATED']);
  });

  it('answers 409 PATIENT_BUSY when the patient already has an appointment at that time with another doctor', async () => {
    const { doctor: second } = await createDoctor({ schedule: ALL_WEEK });
    const answer = await book(patient, second.id, slots[0]!);
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'PATIENT_BUSY');
  });

  it('replays the first outcome for a repeated Idempotency-Key, and refuses the key for another request', async () => {
    const key = randomUUID();
    const first = await book(patient, doctor.id, slots[1]!, { 'idempotency-key': key });
    const second = await book(patient, doctor.id, slots[1]!, { 'idempotency-key': key });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.body.id, first.body.id);
    const reused = await book(patient, doctor.id, slots[2]!, { 'idempotency-key': key });
    assert.equal(reused.status, 422);
    assert.equal(reused.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('lets a patient see only their own appointments', async () => {
    const mine = await http(api('/appointments/my'), { token: patient.token });
    assert.equal(mine.status, 200);
    assert.ok(mine.body.length >= 2);
    assert.ok(mine.body.every((a: { patient_id: string }) => a.patient_id === patient.id));
    assert.deepEqual((await http(api('/appointments/my'), { token: stranger.token })).body, []);
    const one = mine.body[0];
    assert.equal((await http(api(`/appointments/${one.id}`), { token: patient.token })).status, 200);
    const foreign = await http(api(`/appointments/${one.id}`), { token: stranger.token });
    assert.equal(foreign.status, 404);
    assert.equal((await http(api(`/appointments/${one.id}/cancel`), { method: 'PUT', token: stranger.token })).status, 404);
    assert.equal((await http(api(`/appointments/${one.id}`), { token: otherDoctorUser.token })).status, 404);
  });

  it('refuses the staff listing and confirmation to patients (403) and limits a doctor to their own', async () => {
    assert.equal((await http(api('/appointments'), { token: patient.token })).status, 403);
    const mine = (await http(api('/appointments/my'), { token: patient.token })).body[0];
    assert.equal((await http(api(`/appointments/${mine.id}/confirm`), { method: 'PUT', token: patient.token })).status, 403);

    const ownList = await http(api(`/appointments?limit=100`), { token: doctorUser.token });
    assert.equal(ownList.status, 200);
    assert.ok(ownList.body.items.length >= 2);
    assert.ok(ownList.body.items.every((a: { doctor_id: string }) => a.doctor_id === doctor.id));
    const otherList = await http(api(`/appointments?doctor_id=${doctor.id}`), { token: otherDoctorUser.token });
    assert.equal(otherList.body.total, 0);
    const adminList = await http(api(`/appointments?doctor_id=${doctor.id}&status=PENDING&patient_id=${patient.id}`), { token: admin });
    assert.ok(adminList.body.total >= 2);
  });

  it('lets the doctor confirm, then the patient cancel: the slot is free again at once', async () => {
    const booked = (await book(patient, doctor.id, slots[3]!)).body;
    assert.equal((await http(api(`/appointments/${booked.id}/confirm`), { method: 'PUT', token: otherDoctorUser.token })).status, 404);
    const confirmed = await http(api(`/appointments/${booked.id}/confirm`), { method: 'PUT', token: doctorUser.token });
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.body.status, 'CONFIRMED');
    assert.equal((await http(api(`/appointments/${booked.id}/confirm`), { method: 'PUT', token: doctorUser.token })).status, 409);
    assert.ok(!(await freeSlots(doctor.id, 20)).some((s) => s.start === slots[3]!.start));

    const cancelled = await http(api(`/appointments/${booked.id}/cancel`), { method: 'PUT', token: patient.token });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.status, 'CANCELLED');
    assert.ok(
      (await freeSlots(doctor.id, 20)).some((s) => s.start === slots[3]!.start),
      'the cancelled slot is offered again',
    );
    const again = await http(api(`/appointments/${booked.id}/cancel`), { method: 'PUT', token: patient.token });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'INVALID_STATE');
    const history = await http(api('/appointments/my/history?status=CANCELLED'), { token: patient.token });
    assert.ok(history.body.some((a: { id: string }) => a.id === booked.id));
    assert.deepEqual(await lifecycleEvents(booked.id), ['CREATED', 'CONFIRMED', 'CANCELLED']);
  });

  it('reschedules a PENDING appointment through the queue (its doctor, an admin or its patient), with an UPDATED event', async () => {
    const booked = (await book(patient, doctor.id, slots[4]!)).body;
    const target = { start_time: slots[5]!.start, end_time: slots[5]!.end };
    assert.equal((await http(api(`/appointments/${booked.id}`), { method: 'PUT', token: stranger.token, body: target })).status, 404);
    assert.equal(
      (await http(api(`/appointments/${booked.id}`), { method: 'PUT', token: otherDoctorUser.token, body: target })).status,
      404,
    );
    const moved = await http(api(`/appointments/${booked.id}`), { method: 'PUT', token: doctorUser.token, body: target });
    assert.equal(moved.status, 200);
    assert.equal(new Date(moved.body.start_time).getTime(), new Date(slots[5]!.start).getTime());
    const taken = await http(api(`/appointments/${booked.id}`), {
      method: 'PUT',
      token: admin,
      body: { start_time: slots[1]!.start, end_time: slots[1]!.end },
    });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'SLOT_TAKEN');
    await http(api(`/appointments/${booked.id}/confirm`), { method: 'PUT', token: admin });
    const notPending = await http(api(`/appointments/${booked.id}`), {
      method: 'PUT',
      token: admin,
      body: { start_time: slots[6]!.start, end_time: slots[6]!.end },
    });
    assert.equal(notPending.status, 409);
    assert.equal(notPending.body.error.code, 'INVALID_STATE');
    assert.deepEqual(await lifecycleEvents(booked.id), ['CREATED', 'UPDATED', 'CONFIRMED']);
  });

  it('refuses bad input with a 4xx code and writes nothing', async () => {
    const before = await countRows();
    const slot = slots[7]!;
    const start = new Date(slot.start);
    const cases: Array<[string, unknown, number, string]> = [
      ['end before start', { doctor_id: doctor.id, start_time: slot.end, end_time: slot.start }, 400, 'INVALID_INTERVAL'],
      ['end equal to start', { doctor_id: doctor.id, start_time: slot.start, end_time: slot.start }, 400, 'INVALID_INTERVAL'],
      [
        'off the slot grid',
        {
          doctor_id: doctor.id,
          start_time: new Date(start.getTime() + 600_000).toISOString(),
          end_time: new Date(start.getTime() + 2_400_000).toISOString(),
        },
        400,
        'MISALIGNED',
      ],
      ['in the past', { doctor_id: doctor.id, start_time: '2020-01-06T08:00:00Z', end_time: '2020-01-06T08:30:00Z' }, 400, 'IN_PAST'],
      ['outside the schedule', { doctor_id: doctor.id, ...nightOf(slot) }, 400, 'OUTSIDE_SCHEDULE'],
      [
        'beyond the horizon',
        { doctor_id: doctor.id, start_time: shiftDays(slot.start, 400), end_time: shiftDays(slot.end, 400) },
        400,
        'BEYOND_HORIZON',
      ],
      ['an unknown doctor', { doctor_id: randomUUID(), start_time: slot.start, end_time: slot.end }, 404, 'DOCTOR_NOT_FOUND'],
      ['a malformed doctor id', { doctor_id: 'doctor-1', start_time: slot.start, end_time: slot.end }, 400, 'VALIDATION_FAILED'],
      ['a malformed date', { doctor_id: doctor.id, start_time: 'tomorrow', end_time: slot.end }, 400, 'VALIDATION_FAILED'],
      ['a missing field', { doctor_id: doctor.id, start_time: slot.start }, 400, 'VALIDATION_FAILED'],
      [
        'an unknown field',
        { doctor_id: doctor.id, start_time: slot.start, end_time: slot.end, status: 'CONFIRMED' },
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [label, body, status, code] of cases) {
      const answer = await http(api('/appointments'), { method: 'POST', token: stranger.token, body });
      assert.equal(answer.status, status, label);
      assert.equal(answer.body.error.code, code, label);
    }
    const malformed = await http(api('/appointments'), { method: 'POST', token: stranger.token, rawBody: '{"doctor_id":' });
    assert.equal(malformed.status, 400);
    assert.equal((await http(api('/appointments/not-a-uuid'), { token: stranger.token })).status, 400);
    assert.equal(await countRows(), before);
  });

  it('answers 401 without a token, 403 to a doctor trying to book, and 400 to an admin naming no patient', async () => {
    const body = { doctor_id: doctor.id, start_time: slots[7]!.start, end_time: slots[7]!.end };
    assert.equal((await http(api('/appointments'), { method: 'POST', body })).status, 401);
    assert.equal((await http(api('/appointments'), { method: 'POST', token: doctorUser.token, body })).status, 403);
    const admins = await http(api('/appointments'), { method: 'POST', token: admin, body });
    assert.equal(admins.status, 400);
    assert.equal(admins.body.error.code, 'PATIENT_REQUIRED');
  });
});

describe('a patient’s own changes and the change cut-off', () => {
  let doctor: { id: string; user_id: string };
  let admin: string;
  let patient: TestUser;
  let stranger: TestUser;
  let slots: Slot[];

  before(async () => {
    ({ doctor } = await createDoctor({ schedule: ALL_WEEK }));
    admin = await adminToken();
    patient = await registerPatient('cutoff');
    stranger = await registerPatient('cutoff-stranger');
    slots = await freeSlots(doctor.id, 6);
  });

  const reschedule = (token: string, id: string, slot: Slot) =>
    http(api(`/appointments/${id}`), { method: 'PUT', token, body: { start_time: slot.start, end_time: slot.end } });
  const cancel = (token: string, id: string, body?: unknown) => http(api(`/appointments/${id}/cancel`), { method: 'PUT', token, body });
  /** Time cannot be fast-forwarded for the services, so the appointment is moved to start this many minutes from now. */
  const startIn = (id: string, minutes: number) =>
    withAppointmentsDb((db) =>
      db.query(
        `UPDATE appointments SET start_time = now() + make_interval(mins => $2), end_time = now() + make_interval(mins => $2 + 30) WHERE id = $1`,
        [id, minutes],
      ),
    );
  const statusOf = async (id: string) => (await http(api(`/appointments/${id}`), { token: admin })).body;

  it('tells any signed-in caller the patient cut-off as configured (GET /appointments/rules), and nobody without a token', async () => {
    // The test stack runs with PATIENT_CHANGE_CUTOFF_HOURS=1, MAX_FUTURE_APPOINTMENTS_PER_PATIENT=30, WAITLIST_HOLD_SECONDS=10
    // and NO_SHOW_GRACE_MINUTES=5, doctor-service with CLINIC_MIN_NOTICE_MINUTES=0 and CLINIC_BUFFER_MINUTES=0
    // (devstack/src/platform.ts).
    for (const token of [patient.token, admin, await serviceToken()]) {
      const answer = await http(api('/appointments/rules'), { token });
      assert.equal(answer.status, 200);
      // And the clinic's booking limits, as doctor-service publishes them (the test stack: no notice, no buffer).
      const { booking, ...changeRules } = answer.body;
      assert.deepEqual([booking.min_notice_minutes, booking.buffer_minutes, Array.isArray(booking.closed_days)], [0, 0, true]);
      assert.deepEqual(changeRules, {
        patient_change_cutoff_hours: 1,
        max_future_appointments_per_patient: 30,
        max_waitlist_entries_per_patient: 5,
        waitlist_hold_seconds: 10,
        no_show_grace_minutes: 5,
      });
    }
    assert.equal((await http(api('/appointments/rules'))).status, 401);
  });

  it('lets a patient move their own PENDING appointment to a free time, and answers 404 to another patient', async () => {
    const booked = (await book(patient, doctor.id, slots[0]!)).body;
    assert.equal((await reschedule(stranger.token, booked.id, slots[1]!)).status, 404);
    assert.equal((await cancel(stranger.token, booked.id)).status, 404);
    const moved = await reschedule(patient.token, booked.id, slots[1]!);
    assert.equal(moved.status, 200);
    assert.equal(new Date(moved.body.start_time).getTime(), new Date(slots[1]!.start).getTime());
    assert.ok(
      (await freeSlots(doctor.id, 20)).some((s) => s.start === slots[0]!.start),
      'the old time is offered again',
    );
    assert.deepEqual(await lifecycleEvents(booked.id), ['CREATED', 'UPDATED']);
  });

  it('refuses a patient’s cancel or move inside the cut-off (409 CHANGE_CUTOFF_PASSED) and changes nothing', async () => {
    const booked = (await book(patient, doctor.id, slots[2]!)).body;
    await startIn(booked.id, 20);
    const before = await statusOf(booked.id);
    const cancelled = await cancel(patient.token, booked.id);
    assert.equal(cancelled.status, 409);
    assert.equal(cancelled.body.error.code, 'CHANGE_CUTOFF_PASSED');
    const moved = await reschedule(patient.token, booked.id, slots[3]!);
    assert.equal(moved.status, 409);
    assert.equal(moved.body.error.code, 'CHANGE_CUTOFF_PASSED');
    // Time and status as they were (the PDF may have been made meanwhile: that is no change of the patient's).
    const after = await statusOf(booked.id);
    assert.deepEqual([after.status, after.start_time, after.end_time], [before.status, before.start_time, before.end_time]);
    assert.deepEqual(await lifecycleEvents(booked.id), ['CREATED']);
  });

  it('refuses a patient’s cancel once the appointment started (409 APPOINTMENT_STARTED)', async () => {
    // Another doctor and patient: the previous test's appointment sits near now. Confirmed and not over,
    // so that neither the expiry nor the completion job takes it meanwhile.
    const { doctor: other, user: otherUser } = await createDoctor({ schedule: ALL_WEEK });
    const [slot] = await freeSlots(other.id, 1);
    const latecomer = await registerPatient('cutoff-started');
    const booked = (await book(latecomer, other.id, slot!)).body;
    assert.equal((await http(api(`/appointments/${booked.id}/confirm`), { method: 'PUT', token: otherUser.token })).status, 200);
    await startIn(booked.id, -10);
    const cancelled = await cancel(latecomer.token, booked.id);
    assert.equal(cancelled.status, 409);
    assert.equal(cancelled.body.error.code, 'APPOINTMENT_STARTED');
    assert.equal((await statusOf(booked.id)).status, 'CONFIRMED');
    // The clinic may still cancel it, whatever the clock says, saying why.
    assert.equal((await cancel(otherUser.token, booked.id, { reason: 'The patient phoned in sick' })).status, 200);
  });

  it('lets the doctor move and an admin cancel inside the cut-off with a reason, recorded in the CANCELLED event', async () => {
    // Another doctor and patient: the earlier tests' appointments already sit near now.
    const { doctor: other, user: otherUser } = await createDoctor({ schedule: ALL_WEEK });
    const [first, second] = await freeSlots(other.id, 2);
    const booked = (await book(await registerPatient('cutoff-staff'), other.id, first!)).body;
    await startIn(booked.id, 20);
    const moved = await http(api(`/appointments/${booked.id}`), {
      method: 'PUT',
      token: otherUser.token,
      body: { start_time: second!.start, end_time: second!.end, reason: 'Clinic rearranged' },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await startIn(booked.id, 20);
    const tooLong = await cancel(admin, booked.id, { reason: 'x'.repeat(501) });
    assert.equal(tooLong.status, 400);
    assert.equal((await cancel(admin, booked.id, { reason: 'Doctor ill', status: 'x' })).status, 400);
    assert.equal((await statusOf(booked.id)).status, 'PENDING');
    const cancelled = await cancel(admin, booked.id, { reason: 'Doctor ill' });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.status, 'CANCELLED');
    const payload = await withAppointmentsDb(
      async (db) =>
        (await db.query(`SELECT payload FROM appointment_events WHERE appointment_id = $1 AND type = 'CANCELLED'`, [booked.id])).rows[0]
          .payload,
    );
    assert.equal(payload.reason, 'Doctor ill');
    assert.equal(payload.cancelledBy, 'ADMIN');
  });
});

describe('expired and missed appointments', () => {
  const moveStart = (id: string, startMinutes: number, endMinutes: number) =>
    withAppointmentsDb((db) =>
      db.query(
        `UPDATE appointments SET start_time = now() + make_interval(mins => $2), end_time = now() + make_interval(mins => $3) WHERE id = $1`,
        [id, startMinutes, endMinutes],
      ),
    );

  it('turns a PENDING appointment whose start passed unconfirmed into EXPIRED with its event, in the patient’s history', async () => {
    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    const patient = await registerPatient('expired');
    const [slot] = await freeSlots(doctor.id, 1);
    const booked = (await book(patient, doctor.id, slot!)).body;
    // Time cannot be fast-forwarded for the services, so the appointment is moved: started, not over.
    await moveStart(booked.id, -5, 25);
    let status = 'PENDING';
    for (let i = 0; i < 50 && status === 'PENDING'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await http(api(`/appointments/${booked.id}`), { token: patient.token })).body.status;
    }
    assert.equal(status, 'EXPIRED');
    const expired = await http(api('/appointments/my/history?status=EXPIRED'), { token: patient.token });
    assert.equal(expired.status, 200);
    assert.deepEqual(
      expired.body.map((a: { id: string }) => a.id),
      [booked.id],
    );
    assert.ok((await http(api('/appointments/my/history'), { token: patient.token })).body.some((a: { id: string }) => a.id === booked.id));
    assert.deepEqual((await http(api('/appointments/my'), { token: patient.token })).body, []);
    assert.deepEqual(await lifecycleEvents(booked.id), ['CREATED', 'EXPIRED']);
    const cancelled = await http(api(`/appointments/${booked.id}/cancel`), { method: 'PUT', token: await adminToken() });
    assert.equal(cancelled.status, 409);
    assert.equal(cancelled.body.error.code, 'INVALID_STATE');
  });

  it('lets the assigned doctor mark a started CONFIRMED appointment NO_SHOW (409 before its start), recorded and told to no one', async () => {
    const { doctor, user: doctorUser } = await createDoctor({ schedule: ALL_WEEK });
    const { user: otherDoctorUser } = await createDoctor({ schedule: ALL_WEEK });
    const patient = await registerPatient('no-show');
    const [slot] = await freeSlots(doctor.id, 1);
    const booked = (await book(patient, doctor.id, slot!)).body;
    const noShow = (token: string) => http(api(`/appointments/${booked.id}/no-show`), { method: 'PUT', token });

    const pending = await noShow(doctorUser.token);
    assert.equal(pending.status, 409);
    assert.equal(pending.body.error.code, 'INVALID_STATE');
    await http(api(`/appointments/${booked.id}/confirm`), { method: 'PUT', token: doctorUser.token });
    const early = await noShow(doctorUser.token);
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'APPOINTMENT_NOT_STARTED');

    await moveStart(booked.id, -10, 20);
    assert.equal((await noShow(patient.token)).status, 403);
    assert.equal((await noShow(otherDoctorUser.token)).status, 404);
    const marked = await noShow(doctorUser.token);
    assert.equal(marked.status, 200);
    assert.equal(marked.body.status, 'NO_SHOW');
    assert.equal((await noShow(doctorUser.token)).body.error.code, 'INVALID_STATE');
    const history = await http(api('/appointments/my/history?status=NO_SHOW'), { token: patient.token });
    assert.deepEqual(
      history.body.map((a: { id: string }) => a.id),
      [booked.id],
    );
    assert.deepEqual(await lifecycleEvents(booked.id), ['CREATED', 'CONFIRMED', 'NO_SHOW']);

    // notification-service takes the event, sends nothing for it, and marks it processed (no dead letter).
    let processed = false;
    for (let i = 0; i < 100 && !processed; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      processed = await withAppointmentsDb(
        async (db) =>
          (await db.query(`SELECT is_processed FROM appointment_events WHERE appointment_id = $1 AND type = 'NO_SHOW'`, [booked.id]))
            .rows[0].is_processed,
      );
    }
    assert.equal(processed, true);
  });
});

describe('the no-show grace period', () => {
  it('refuses a no-show while the patient may still arrive (409 TOO_EARLY_FOR_NO_SHOW), as long as the rules publish, then allows it', async () => {
    const { doctor, user: doctorUser } = await createDoctor({ schedule: ALL_WEEK });
    const patient = await registerPatient('no-show-grace');
    const [slot] = await freeSlots(doctor.id, 1);
    const booked = (await book(patient, doctor.id, slot!)).body;
    assert.equal((await http(api(`/appointments/${booked.id}/confirm`), { method: 'PUT', token: doctorUser.token })).status, 200);
    const rules = (await http(api('/appointments/rules'), { token: doctorUser.token })).body;
    const grace: number = rules.no_show_grace_minutes;
    assert.ok(Number.isInteger(grace) && grace >= 2, JSON.stringify(rules));
    const noShow = () => http(api(`/appointments/${booked.id}/no-show`), { method: 'PUT', token: doctorUser.token });
    const startedAgo = (minutes: number) =>
      withAppointmentsDb((db) =>
        db.query(
          `UPDATE appointments SET start_time = now() - make_interval(mins => $2), end_time = now() + interval '30 minutes' WHERE id = $1`,
          [booked.id, minutes],
        ),
      );

    await startedAgo(1);
    const early = await noShow();
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.equal(early.body.error.code, 'TOO_EARLY_FOR_NO_SHOW');
    assert.deepEqual(early.body.error.details, { grace_minutes: grace });
    await startedAgo(grace - 1);
    assert.equal((await noShow()).body.error.code, 'TOO_EARLY_FOR_NO_SHOW');
    assert.equal((await http(api(`/appointments/${booked.id}`), { token: doctorUser.token })).body.status, 'CONFIRMED');

    await startedAgo(grace);
    const marked = await noShow();
    assert.equal(marked.status, 200, JSON.stringify(marked.body));
    assert.equal(marked.body.status, 'NO_SHOW');
  });
});

describe('completion of past appointments', () => {
  it('turns a CONFIRMED appointment whose time has passed into COMPLETED, shown in the patient’s history', async () => {
    const { doctor, user: doctorUser } = await createDoctor({ schedule: ALL_WEEK });
    const patient = await registerPatient('completed');
    const [slot] = await freeSlots(doctor.id, 1);
    const booked = (await book(patient, doctor.id, slot!)).body;
    await http(api(`/appointments/${booked.id}/confirm`), { method: 'PUT', token: doctorUser.token });
    // Time cannot be fast-forwarded for the services, so the appointment is moved into the past.
    await withAppointmentsDb((db) =>
      db.query(`UPDATE appointments SET start_time = now() - interval '2 hours', end_time = now() - interval '90 minutes' WHERE id = $1`, [
        booked.id,
      ]),
    );
    let status = 'CONFIRMED';
    for (let i = 0; i < 50 && status !== 'COMPLETED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await http(api(`/appointments/${booked.id}`), { token: patient.token })).body.status;
    }
    assert.equal(status, 'COMPLETED');
    const history = await http(api('/appointments/my/history?status=COMPLETED'), { token: patient.token });
    assert.deepEqual(
      history.body.map((a: { id: string }) => a.id),
      [booked.id],
    );
    assert.deepEqual((await http(api('/appointments/my'), { token: patient.token })).body, []);
  });
});

describe('the outbox relay', () => {
  it('publishes every event to the clinic.events exchange, once confirmed marking it published', async () => {
    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    const patient = await registerPatient('outbox');
    const broker = connectBroker(testStack().amqpUrl, silentLogger, 'outbox-test');
    const received: Array<{ messageId?: string; routingKey: string; body: Json }> = [];
    const queue = `outbox-test-${randomUUID()}`;
    const consumer = broker.connection.createConsumer(
      {
        queue,
        queueOptions: { exclusive: true, autoDelete: true },
        queueBindings: [{ exchange: EVENTS_EXCHANGE, routingKey: 'appointment.*' }],
        exchanges: [{ exchange: EVENTS_EXCHANGE, type: 'topic', durable: true }],
      },
      async (message) => {
        received.push({ messageId: message.messageId, routingKey: message.routingKey, body: message.body });
      },
    );
    try {
      await new Promise((resolve) => consumer.once('ready', resolve));
      const [slot] = await freeSlots(doctor.id, 1);
      const booked = (await book(patient, doctor.id, slot!)).body;
      await http(api(`/appointments/${booked.id}/cancel`), { method: 'PUT', token: patient.token });
      const deadline = Date.now() + 10_000;
      // PDF_GENERATED (the PDF generator) and REMINDER_DUE (notification-service's reminder run, for a
      // booking of tomorrow) come at their own pace, in no fixed order with the others.
      const mine = () =>
        received.filter((m) => m.body.appointmentId === booked.id && m.body.type !== 'PDF_GENERATED' && m.body.type !== 'REMINDER_DUE');
      while (mine().length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(
        mine().map((m) => m.routingKey),
        ['appointment.created', 'appointment.cancelled'],
      );
      assert.ok(mine().every((m) => m.messageId === m.body.id));
      // The relay marks an event published when the broker has confirmed it, which may come a moment
      // after a consumer already got the message. The PDF generator records PDF_GENERATED for each of
      // the two changes, at its own pace (a PDF waits while its replica decides bookings): publication
      // is checked once both are made (each marks its source event handled as it records its event).
      const published = Date.now() + 10_000;
      const pdfsMade = () =>
        withAppointmentsDb(
          async (db) =>
            (await db.query('SELECT count(*) AS n FROM handled_events WHERE event_id = ANY($1::uuid[])', [mine().map((m) => m.body.id)]))
              .rows[0].n,
        ).then(Number);
      while ((await pdfsMade()) < 2 && Date.now() < published) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(await pdfsMade(), 2, 'a PDF made after each change');
      const unpublished = () =>
        withAppointmentsDb(
          async (db) =>
            (await db.query('SELECT count(*) AS n FROM appointment_events WHERE appointment_id = $1 AND published_at IS NULL', [booked.id]))
              .rows[0].n,
        ).then(Number);
      while ((await unpublished()) > 0 && Date.now() < published) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(await unpublished(), 0);
    } finally {
      await consumer.close();
      await broker.close();
    }
  });
});

describe('internal routes', () => {
  it('answer only the platform’s services, not users, and are not reachable through the gateway', async () => {
    const patient = await registerPatient('internal');
    for (const path of ['/events/pending', `/internal/busy?doctor_id=${randomUUID()}&from=2026-01-01T00:00:00Z`]) {
      assert.equal((await http(api(path))).status, 401, path);
      assert.equal((await http(api(path), { token: patient.token })).status, 403, path);
      assert.equal((await http(api(path), { token: await adminToken() })).status, 403, path);
      assert.equal((await http(`${testStack().gatewayUrl}/api${path}`)).status, 404, path);
    }
  });

  it('list pending events and mark them processed, idempotently', async () => {
    const token = await serviceToken();
    // notification-service processes events as they come; this one never reached the broker (stored as
    // published, never sent), so it stays pending until marked.
    const id = randomUUID();
    await withAppointmentsDb(async (db) => {
      const { rows } = await db.query(`SELECT payload FROM appointment_events WHERE type = 'CREATED' LIMIT 1`);
      await db.query(
        `INSERT INTO appointment_events (id, appointment_id, type, payload, published_at) VALUES ($1, $2, 'CONFIRMED', $3, now())`,
        [id, rows[0].payload.appointmentId, { ...rows[0].payload, id, type: 'CONFIRMED' }],
      );
    });
    const pending = await http(api('/events/pending?limit=500'), { token });
    assert.equal(pending.status, 200);
    const event = pending.body.find((e: { id: string }) => e.id === id);
    assert.ok(event);
    assert.equal(event.is_processed, false);
    const older = await http(api('/events/pending?limit=500&older_than_seconds=3600'), { token });
    assert.ok(!older.body.some((e: { id: string }) => e.id === id), 'older_than_seconds leaves recent events out');
    assert.equal(event.payload.id, event.id);
    const first = await http(api(`/events/${event.id}/processed`), { method: 'PUT', token });
    assert.equal(first.status, 200);
    assert.equal(first.body.is_processed, true);
    const second = await http(api(`/events/${event.id}/processed`), { method: 'PUT', token });
    assert.equal(second.body.processed_at, first.body.processed_at);
    const after = await http(api('/events/pending?limit=500'), { token });
    assert.ok(!after.body.some((e: { id: string }) => e.id === event.id));
    assert.equal((await http(api(`/events/${randomUUID()}/processed`), { method: 'PUT', token })).status, 404);
  });
});

function shiftDays(iso: string, days: number) {
  return new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
}

/** 02:00–02:30 clinic time on the slot's day: outside the 08:00–20:00 schedule. */
function nightOf(slot: Slot) {
  const day = slot.start.slice(0, 10);
  const offset = slot.start.slice(19);
  return { start_time: `${day}T02:00:00${offset}`, end_time: `${day}T02:30:00${offset}` };
}

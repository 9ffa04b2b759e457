import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { freeSlots, withAppointmentsDb, type Slot } from '../../../tests/support/booking.ts';
import { ALL_WEEK, createDoctor, type CreatedDoctor } from '../../../tests/support/clinic.ts';
import { http } from '../../../tests/support/http.ts';
import { adminToken, claimsOf, registerPatient, type TestUser } from '../../../tests/support/identity.ts';
import { testStack } from '../../../tests/support/stack.ts';

const api = (path: string) => `${testStack().services['appointment-service-1']}${path}`;

/** The test stack's PATIENT_CHANGE_CUTOFF_HOURS (devstack/src/platform.ts). */
const CUTOFF_MINUTES = 60;

const book = (token: string, doctorId: string, slot: Slot, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  http(api('/appointments'), {
    method: 'POST',
    token,
    headers,
    body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end, ...extra },
  });

/** The payload of the appointment's one event of `type`. */
const eventOf = (appointmentId: string, type: string) =>
  withAppointmentsDb(
    async (db) =>
      (await db.query(`SELECT payload FROM appointment_events WHERE appointment_id = $1 AND type = $2`, [appointmentId, type])).rows[0]
        ?.payload,
  );

/** Time cannot be fast-forwarded for the services, so the appointment is moved to start this many minutes from now. */
const startIn = (id: string, minutes: number) =>
  withAppointmentsDb((db) =>
    db.query(
      `UPDATE appointments SET start_time = now() + make_interval(mins => $2), end_time = now() + make_interval(mins => $2 + 30) WHERE id = $1`,
      [id, minutes],
    ),
  );

describe('the front desk books for a patient', () => {
  let doctor: CreatedDoctor;
  let admin: string;
  let adminId: string;
  let patient: TestUser;
  let other: TestUser;
  let slots: Slot[];

  before(async () => {
    doctor = await createDoctor({ schedule: ALL_WEEK });
    admin = await adminToken();
    adminId = claimsOf(admin).sub;
    [patient, other] = await Promise.all([registerPatient('front-desk'), registerPatient('front-desk-other')]);
    slots = await freeSlots(doctor.doctor.id, 8);
  });

  it('books through the same queue for the patient named, recording the admin as booked_by in the row and the CREATED event', async () => {
    const answer = await book(admin, doctor.doctor.id, slots[0]!, { patient_id: patient.id });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.patient_id, patient.id);
    assert.equal(answer.body.booked_by, adminId);
    assert.equal(answer.body.patient_name, 'Test front-desk', 'the patient’s name as user-service has it');
    assert.equal(answer.body.patient_email, patient.email);
    const mine = await http(api('/appointments/my'), { token: patient.token });
    assert.ok(
      mine.body.some((a: { id: string }) => a.id === answer.body.id),
      'the patient sees it among their own',
    );
    const created = await eventOf(answer.body.id, 'CREATED');
    assert.equal(created.actorId, adminId);
    assert.equal(created.appointment.booked_by, adminId);
    // The clinic made it: CONFIRMED at once, told in its CREATED event, with no CONFIRMED event (nor email) after it.
    assert.equal(answer.body.status, 'CONFIRMED');
    assert.equal(created.appointment.status, 'CONFIRMED');
    assert.equal(await eventOf(answer.body.id, 'CONFIRMED'), undefined);
    const confirm = await http(api(`/appointments/${answer.body.id}/confirm`), { method: 'PUT', token: admin });
    assert.equal(confirm.status, 409);
    assert.equal(confirm.body.error.code, 'INVALID_STATE');
    // An admin action: in appointment-service's audit trail, with whom it was for.
    const trail = await http(api('/appointments/audit?limit=100'), { token: admin });
    const entry = trail.body.items.find((e: { action: string; details?: { patient_id?: string } }) => e.action === 'APPOINTMENT_BOOKED');
    assert.ok(entry, JSON.stringify(trail.body));
    assert.equal(entry.actor_id, adminId);
    assert.equal(entry.details.patient_id, patient.id);
  });

  it('records a patient’s own booking as booked by them, with or without their own patient_id', async () => {
    const own = await book(patient.token, doctor.doctor.id, slots[1]!, { patient_id: patient.id });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.equal(own.body.booked_by, patient.id);
    assert.equal(own.body.status, 'PENDING', 'a patient’s own booking waits for the clinic’s confirmation');
    const plain = await book(other.token, doctor.doctor.id, slots[2]!);
    assert.equal(plain.status, 201);
    assert.equal(plain.body.booked_by, other.id);
    assert.equal(plain.body.status, 'PENDING');
  });

  it('refuses a patient booking for someone else (403), an admin naming nobody (400) or an unknown user (404), and a doctor (403)', async () => {
    const forOther = await book(patient.token, doctor.doctor.id, slots[3]!, { patient_id: other.id });
    assert.equal(forOther.status, 403);
    const nobody = await book(admin, doctor.doctor.id, slots[3]!);
    assert.equal(nobody.status, 400);
    assert.equal(nobody.body.error.code, 'PATIENT_REQUIRED');
    const unknown = await book(admin, doctor.doctor.id, slots[3]!, { patient_id: randomUUID() });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'PATIENT_NOT_FOUND');
    const malformed = await book(admin, doctor.doctor.id, slots[3]!, { patient_id: 'someone' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, 'VALIDATION_FAILED');
    assert.equal((await book(doctor.user.token, doctor.doctor.id, slots[3]!, { patient_id: patient.id })).status, 403);
    const written = await withAppointmentsDb(
      async (db) =>
        (
          await db.query(`SELECT count(*)::int AS n FROM appointments WHERE doctor_id = $1 AND start_time = $2`, [
            doctor.doctor.id,
            slots[3]!.start,
          ])
        ).rows[0].n,
    );
    assert.equal(written, 0);
  });

  it('keeps the guarantees: the patient busy elsewhere at that time is refused, and a key replays for the same patient only', async () => {
    const { doctor: second } = await createDoctor({ schedule: ALL_WEEK });
    const busy = await book(admin, second.id, slots[0]!, { patient_id: patient.id });
    assert.equal(busy.status, 409);
    assert.equal(busy.body.error.code, 'PATIENT_BUSY');

    const key = { 'idempotency-key': randomUUID() };
    const first = await book(admin, doctor.doctor.id, slots[4]!, { patient_id: other.id }, key);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const again = await book(admin, doctor.doctor.id, slots[4]!, { patient_id: other.id }, key);
    assert.equal(again.body.id, first.body.id);
    const forAnother = await book(admin, doctor.doctor.id, slots[4]!, { patient_id: patient.id }, key);
    assert.equal(forAnother.status, 422);
    assert.equal(forAnother.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('replays an outcome stored before bookings recorded booked_by, under its key, as it was', async () => {
    const key = randomUUID();
    const slot = slots[7]!;
    const request = {
      kind: 'BOOK',
      doctor_id: doctor.doctor.id,
      start_time: new Date(slot.start).toISOString(),
      end_time: new Date(slot.end).toISOString(),
    };
    const [earlier] = (await http(api('/appointments/my'), { token: patient.token })).body;
    const { booked_by: _bookedBy, ...withoutBookedBy } = earlier;
    await withAppointmentsDb((db) =>
      db.query(`INSERT INTO booking_commands (id, requester_id, idempotency_key, request, outcome) VALUES ($1, $2, $3, $4, $5)`, [
        randomUUID(),
        patient.id,
        key,
        request,
        { result: 'BOOKED', appointment: withoutBookedBy },
      ]),
    );
    const replayed = await book(patient.token, doctor.doctor.id, slot, {}, { 'idempotency-key': key });
    assert.equal(replayed.status, 201, JSON.stringify(replayed.body));
    assert.equal(replayed.body.id, earlier.id);
    assert.equal(replayed.body.booked_by, undefined);
  });

  it('reschedules and cancels on the patient’s behalf, each event naming the admin who acted', async () => {
    // The patient's own (PENDING) booking: only PENDING appointments are moved, and the front desk's own are CONFIRMED.
    const booked = (await book(patient.token, doctor.doctor.id, slots[5]!)).body;
    const moved = await http(api(`/appointments/${booked.id}`), {
      method: 'PUT',
      token: admin,
      body: { start_time: slots[6]!.start, end_time: slots[6]!.end },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal((await eventOf(booked.id, 'UPDATED')).actorId, adminId);
    const cancelled = await http(api(`/appointments/${booked.id}/cancel`), { method: 'PUT', token: admin });
    assert.equal(cancelled.status, 200);
    const event = await eventOf(booked.id, 'CANCELLED');
    assert.equal(event.cancelledBy, 'ADMIN');
    assert.equal(event.actorId, adminId);
    assert.equal(event.appointment.booked_by, patient.id);
  });
});

describe('staff changing an appointment inside the patient cut-off give a reason', () => {
  let admin: string;

  before(async () => {
    admin = await adminToken();
  });

  /** A fresh doctor and patient with one PENDING appointment (so moved times never overlap another). */
  async function appointmentOfItsOwn(label: string) {
    const created = await createDoctor({ schedule: ALL_WEEK });
    const patient = await registerPatient(label);
    const [slot, later] = await freeSlots(created.doctor.id, 2);
    const booked = (await book(patient.token, created.doctor.id, slot!)).body;
    return { ...created, patient, booked, later: later! };
  }

  const cancel = (token: string, id: string, body?: unknown) => http(api(`/appointments/${id}/cancel`), { method: 'PUT', token, body });

  it('needs no reason just outside the cut-off: the doctor cancels two minutes before it begins', async () => {
    const { user, booked } = await appointmentOfItsOwn('reason-outside');
    await startIn(booked.id, CUTOFF_MINUTES + 2);
    const cancelled = await cancel(user.token, booked.id);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal((await eventOf(booked.id, 'CANCELLED')).reason, undefined);
  });

  it('answers 400 REASON_REQUIRED two minutes inside it, refuses blanks, and records the reason given', async () => {
    const { user, booked } = await appointmentOfItsOwn('reason-inside');
    await startIn(booked.id, CUTOFF_MINUTES - 2);
    const without = await cancel(user.token, booked.id);
    assert.equal(without.status, 400);
    assert.equal(without.body.error.code, 'REASON_REQUIRED');
    assert.deepEqual(without.body.error.details, { cutoff_hours: CUTOFF_MINUTES / 60 });
    assert.equal((await cancel(user.token, booked.id, { reason: '   ' })).status, 400);
    assert.equal((await http(api(`/appointments/${booked.id}`), { token: admin })).body.status, 'PENDING');
    const cancelled = await cancel(user.token, booked.id, { reason: 'Medicul a fost chemat la o urgență' });
    assert.equal(cancelled.status, 200);
    const event = await eventOf(booked.id, 'CANCELLED');
    assert.equal(event.reason, 'Medicul a fost chemat la o urgență');
    assert.equal(event.cancelledBy, 'DOCTOR');
    assert.equal(event.actorId, user.id);
  });

  it('asks a reason for a move inside the cut-off too, and puts it in the UPDATED event', async () => {
    const { user, booked, later } = await appointmentOfItsOwn('reason-move');
    await startIn(booked.id, CUTOFF_MINUTES - 2);
    const target = { start_time: later.start, end_time: later.end };
    const without = await http(api(`/appointments/${booked.id}`), { method: 'PUT', token: user.token, body: target });
    assert.equal(without.status, 400);
    assert.equal(without.body.error.code, 'REASON_REQUIRED');
    const moved = await http(api(`/appointments/${booked.id}`), {
      method: 'PUT',
      token: user.token,
      body: { ...target, reason: 'Cabinetul este în renovare' },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const event = await eventOf(booked.id, 'UPDATED');
    assert.equal(event.reason, 'Cabinetul este în renovare');
    assert.equal(event.actorId, user.id);
  });

  it('asks an admin too once the appointment started, and still refuses its patient outright (409)', async () => {
    const { user, patient, booked } = await appointmentOfItsOwn('reason-started');
    // Confirmed, so the expiry job leaves it be once started.
    assert.equal((await http(api(`/appointments/${booked.id}/confirm`), { method: 'PUT', token: user.token })).status, 200);
    await startIn(booked.id, -5);
    assert.equal((await cancel(patient.token, booked.id, { reason: 'I cannot come' })).body.error.code, 'APPOINTMENT_STARTED');
    assert.equal((await cancel(admin, booked.id)).body.error.code, 'REASON_REQUIRED');
    const cancelled = await cancel(admin, booked.id, { reason: 'The patient called' });
    assert.equal(cancelled.status, 200);
    assert.equal((await eventOf(booked.id, 'CANCELLED')).reason, 'The patient called');
  });
});

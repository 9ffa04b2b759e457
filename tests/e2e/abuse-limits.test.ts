// Limits against abuse, through the gateway against the real stack: one patient cannot fill a doctor's
// days or the waitlist (caps published in the rules, refused with a 409 and a code; the front desk is
// not capped); the public directory names no staff login; an admin's message cannot be filed under
// another patient's appointment; a patient moving their appointment sets neither the cabinet nor the
// reason their doctor is told.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { freeSlots, type Slot } from '../support/booking.ts';
import { ALL_WEEK, clinicDate, createCabinet, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { adminToken, registerPatient, type TestUser } from '../support/identity.ts';
import { bookThroughGateway, gateway } from '../support/notifications.ts';

const slotBody = (slot: Slot) => ({ start_time: slot.start, end_time: slot.end });

describe('caps per patient', () => {
  let rules: Json;
  let doctor: CreatedDoctor;
  let patient: TestUser;
  let admin: string;

  before(async () => {
    admin = await adminToken();
    [doctor, patient] = await Promise.all([createDoctor({ schedule: ALL_WEEK, admin }), registerPatient('capped')]);
    const answer = await http(gateway('/appointments/rules'), { token: patient.token });
    assert.equal(answer.status, 200);
    rules = answer.body;
  });

  it('are published in GET /appointments/rules', () => {
    assert.ok(
      Number.isInteger(rules.max_future_appointments_per_patient) && rules.max_future_appointments_per_patient > 0,
      JSON.stringify(rules),
    );
    assert.ok(
      Number.isInteger(rules.max_waitlist_entries_per_patient) && rules.max_waitlist_entries_per_patient > 0,
      JSON.stringify(rules),
    );
  });

  it('refuse the patient’s booking past the cap with 409 TOO_MANY_APPOINTMENTS; the front desk still books for them', async () => {
    const max = rules.max_future_appointments_per_patient as number;
    const slots = await freeSlots(doctor.doctor.id, max + 2);
    // The first one the patient books, the rest the front desk books for them: all count.
    await bookThroughGateway(patient, doctor.doctor.id, slots[0]!);
    for (const slot of slots.slice(1, max)) {
      const booked = await http(gateway('/appointments'), {
        method: 'POST',
        token: admin,
        headers: { 'idempotency-key': randomUUID() },
        body: { doctor_id: doctor.doctor.id, patient_id: patient.id, ...slotBody(slot) },
      });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
    }
    const refused = await http(gateway('/appointments'), {
      method: 'POST',
      token: patient.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { doctor_id: doctor.doctor.id, ...slotBody(slots[max]!) },
    });
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'TOO_MANY_APPOINTMENTS');
    const mine = await http(gateway('/appointments/my'), { token: patient.token });
    assert.equal(mine.body.length, max, 'nothing booked past the cap');

    const frontDesk = await http(gateway('/appointments'), {
      method: 'POST',
      token: admin,
      headers: { 'idempotency-key': randomUUID() },
      body: { doctor_id: doctor.doctor.id, patient_id: patient.id, ...slotBody(slots[max + 1]!) },
    });
    assert.equal(frontDesk.status, 201, JSON.stringify(frontDesk.body));
  });

  it('refuse one waitlist entry past the cap with 409 TOO_MANY_WAITLIST_ENTRIES', async () => {
    const max = rules.max_waitlist_entries_per_patient as number;
    const join = (days: number) =>
      http(gateway('/waitlist'), {
        method: 'POST',
        token: patient.token,
        body: { doctor_id: doctor.doctor.id, date_from: clinicDate(1), date_to: clinicDate(days) },
      });
    for (let i = 1; i <= max; i++) assert.equal((await join(i)).status, 201);
    const refused = await join(max + 1);
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'TOO_MANY_WAITLIST_ENTRIES');
    assert.equal((await http(gateway('/waitlist/my'), { token: patient.token })).body.length, max);
  });
});

describe('the public doctor directory', () => {
  let doctor: CreatedDoctor;

  before(async () => {
    doctor = await createDoctor({ schedule: [] });
  });

  it('shows name, specialization and cabinet, never the login email, to anonymous callers and patients', async () => {
    const patient = await registerPatient('directory');
    for (const token of [undefined, patient.token]) {
      const one = await http(gateway(`/doctors/${doctor.doctor.id}`), { token });
      assert.equal(one.status, 200);
      assert.equal(one.body.full_name, doctor.doctor.full_name);
      assert.ok(one.body.specialization.name && one.body.cabinet.name);
      assert.equal('email' in one.body, false, JSON.stringify(one.body));
      const list = await http(gateway('/doctors?limit=100'), { token });
      assert.equal(list.status, 200);
      for (const item of list.body.items as Json[]) assert.equal('email' in item, false, JSON.stringify(item));
      assert.ok(!JSON.stringify(list.body).includes(doctor.user.email));
    }
  });

  it('is not undone by booking: a patient’s appointment names the doctor, not their login', async () => {
    const bookable = await createDoctor({ schedule: ALL_WEEK });
    const patient = await registerPatient('booking-for-an-email');
    const [slot] = await freeSlots(bookable.doctor.id, 1);
    const booked = await bookThroughGateway(patient, bookable.doctor.id, slot!);
    assert.equal('doctor_email' in booked, false, JSON.stringify(booked));
    const seen = await http(gateway(`/appointments/${booked.id}`), { token: patient.token });
    assert.equal(seen.body.doctor_name, bookable.doctor.full_name);
    assert.ok(!JSON.stringify(seen.body).includes(bookable.user.email));
    assert.ok(!JSON.stringify((await http(gateway('/appointments/my'), { token: patient.token })).body).includes(bookable.user.email));
    const byDoctor = await http(gateway(`/appointments/${booked.id}`), { token: bookable.user.token });
    assert.equal(byDoctor.body.doctor_email, bookable.user.email);
  });

  it('shows it to an admin', async () => {
    const one = await http(gateway(`/doctors/${doctor.doctor.id}`), { token: await adminToken() });
    assert.equal(one.body.email, doctor.user.email);
  });
});

describe('POST /notifications/send with an appointment', () => {
  it('refuses one that is not the user’s (409 APPOINTMENT_OF_ANOTHER_USER), sends one that is', async () => {
    const [doctor, patient, other] = await Promise.all([
      createDoctor({ schedule: ALL_WEEK }),
      registerPatient('addressee'),
      registerPatient('owner'),
    ]);
    const [first, second] = await freeSlots(doctor.doctor.id, 2);
    const theirs = await bookThroughGateway(other, doctor.doctor.id, first!);
    const mine = await bookThroughGateway(patient, doctor.doctor.id, second!);
    const admin = await adminToken();
    const send = (appointmentId: string) =>
      http(gateway('/notifications/send'), {
        method: 'POST',
        token: admin,
        body: { user_id: patient.id, subject: 'About your visit', message: 'Please bring your tests.', appointment_id: appointmentId },
      });
    const refused = await send(theirs.id as string);
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'APPOINTMENT_OF_ANOTHER_USER');
    const listed = await http(gateway(`/notifications/appointment/${theirs.id}`), { token: other.token });
    assert.ok(!(listed.body.items as Json[]).some((n) => n.type === 'MANUAL'), 'nothing filed under their appointment');
    assert.equal((await send(mine.id as string)).status, 202);
  });
});

describe('a patient rescheduling their own appointment', () => {
  let doctor: CreatedDoctor;
  let patient: TestUser;
  let slots: Slot[];
  let booked: Record<string, Json>;

  before(async () => {
    [doctor, patient] = await Promise.all([createDoctor({ schedule: ALL_WEEK }), registerPatient('mover')]);
    slots = await freeSlots(doctor.doctor.id, 4);
    booked = await bookThroughGateway(patient, doctor.doctor.id, slots[0]!);
  });

  const move = (token: string, body: Json) =>
    http(gateway(`/appointments/${booked.id}`), { method: 'PUT', token, headers: { 'idempotency-key': randomUUID() }, body });

  it('may not set the cabinet or the reason (403, saying so); the appointment is unchanged', async () => {
    const cabinet = await createCabinet();
    for (const extra of [{ cabinet_id: cabinet.id }, { reason: 'Doctorul a cerut mutarea' }]) {
      const refused = await move(patient.token, { ...slotBody(slots[1]!), ...extra });
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.match(refused.body.error.message, /set by the clinic/);
    }
    const unchanged = await http(gateway(`/appointments/${booked.id}`), { token: patient.token });
    assert.equal(unchanged.body.start_time, new Date(slots[0]!.start).toISOString());
  });

  it('moves the time alone; staff still give a reason', async () => {
    assert.equal((await move(patient.token, slotBody(slots[2]!))).status, 200);
    const byDoctor = await move(doctor.user.token, { ...slotBody(slots[3]!), reason: 'Schimbare de program' });
    assert.equal(byDoctor.status, 200, JSON.stringify(byDoctor.body));
  });
});

// Changing a calendar that has bookings in it: time off added over booked days and working hours
// removed under booked times are refused with the appointments they affect, or cancel them with a
// reason; decided in the doctor's booking queue (RECONCILE_DOCTOR), so a booking racing the change is
// either refused or listed, never kept silently. Against the real stack, emails read in Mailpit.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { bookingsRacing, requestBooking as book, withAppointmentsDb, type Slot } from '../../../tests/support/booking.ts';
import { ALL_WEEK, clinicDate, createDoctor, doctorService as api, isoWeekday, type CreatedDoctor } from '../../../tests/support/clinic.ts';
import { http, type HttpAnswer } from '../../../tests/support/http.ts';
import { adminToken, registerPatient, type TestUser } from '../../../tests/support/identity.ts';
import { waitForMails } from '../../../tests/support/mail.ts';
import { gateway, slotsOn } from '../../../tests/support/notifications.ts';

const booked = async (patient: TestUser, doctorId: string, slot: Slot) => {
  const answer = await book(patient, doctorId, slot);
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body as { id: string; start_time: string; end_time: string };
};

/**
 * The admin's token, logged in once: Keycloak's brute force protection refuses logins of one user that
 * run at the same time (and createDoctor logs the admin in too).
 */
let admin: string;
before(async () => {
  admin = await adminToken();
});

const statusOf = async (id: string) => (await http(gateway(`/appointments/${id}`), { token: admin })).body.status;

const cancellationOf = (appointmentId: string) =>
  withAppointmentsDb(async (db) =>
    (await db.query(`SELECT payload FROM appointment_events WHERE appointment_id = $1 AND type = 'CANCELLED'`, [appointmentId])).rows.map(
      (row) => row.payload,
    ),
  );

/** The doctor's active appointments on a clinic date. */
const activeOn = (doctorId: string, date: string) =>
  withAppointmentsDb(async (db) =>
    (
      await db.query(
        `SELECT id FROM appointments WHERE doctor_id = $1 AND status IN ('PENDING', 'CONFIRMED')
           AND (start_time AT TIME ZONE 'Europe/Bucharest')::date = $2::date ORDER BY id`,
        [doctorId, date],
      )
    ).rows.map((row) => row.id as string),
  );

const listedIds = (answer: HttpAnswer) => answer.body.error.details.appointments.map((a: { id: string }) => a.id);

describe('POST /doctors/{id}/time-off over booked days', () => {
  let doctor: CreatedDoctor;
  let patient: TestUser;
  const day = clinicDate(3);

  before(async () => {
    [doctor, patient] = await Promise.all([createDoctor({ schedule: ALL_WEEK, admin }), registerPatient('time-off')]);
  });

  const addTimeOff = (body: Record<string, unknown>, token = admin) =>
    http(api(`/doctors/${doctor.doctor.id}/time-off`), { method: 'POST', token, body: { start_date: day, end_date: day, ...body } });

  it('answers 409 SCHEDULE_HAS_APPOINTMENTS listing the appointments of those days, and keeps no time off', async () => {
    const [slot] = await slotsOn(doctor.doctor.id, 3);
    const appointment = await booked(patient, doctor.doctor.id, slot!);
    const answer = await addTimeOff({ reason: 'Conference' });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'SCHEDULE_HAS_APPOINTMENTS');
    assert.deepEqual(answer.body.error.details.appointments, [
      { id: appointment.id, start_time: appointment.start_time, end_time: appointment.end_time, patient_name: 'Test time-off' },
    ]);
    const timeOff = await http(api(`/doctors/${doctor.doctor.id}/time-off`), { token: doctor.user.token });
    assert.deepEqual(timeOff.body.items, []);
    assert.equal(await statusOf(appointment.id), 'PENDING');
    assert.ok((await slotsOn(doctor.doctor.id, 3)).length > 0, 'the day is still offered');
  });

  it('adds time off on days without appointments as before', async () => {
    const answer = await http(api(`/doctors/${doctor.doctor.id}/time-off`), {
      method: 'POST',
      token: doctor.user.token,
      body: { start_date: clinicDate(30), end_date: clinicDate(31), reason: 'Vacation' },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  });

  it('answers 400 REASON_REQUIRED for cancelling without a reason, 400 for a reason without cancelling', async () => {
    const withoutReason = await addTimeOff({ reason: 'Conference', cancel_appointments: true });
    assert.equal(withoutReason.status, 400);
    assert.equal(withoutReason.body.error.code, 'REASON_REQUIRED');
    const reasonOnly = await addTimeOff({ reason: 'Conference', cancellation_reason: 'The doctor is away' });
    assert.equal(reasonOnly.status, 400);
    assert.equal(reasonOnly.body.error.code, 'VALIDATION_FAILED');
    const controlCharacters = await addTimeOff({ reason: 'Conference', cancel_appointments: true, cancellation_reason: 'a\nb' });
    assert.equal(controlCharacters.status, 400);
  });

  it('cancels them when asked, telling the patient and the doctor the reason, and keeps the time off', async () => {
    const [appointmentId] = await activeOn(doctor.doctor.id, day);
    assert.ok(appointmentId);
    const answer = await addTimeOff({
      reason: 'Private reason',
      cancel_appointments: true,
      cancellation_reason: 'The doctor is ill that day',
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(await statusOf(appointmentId), 'CANCELLED');
    const [event] = await cancellationOf(appointmentId);
    assert.equal(event.cancelledBy, 'ADMIN');
    assert.equal(event.reason, 'The doctor is ill that day');
    const [toPatient] = await waitForMails(patient.email, [/^Programare anulată/]);
    assert.match(toPatient!.Text, /anulată de administratorul clinicii\.\n\nMotivul: The doctor is ill that day/);
    assert.doesNotMatch(toPatient!.Text, /Private reason/, 'the time off’s own reason stays private');
    const [toDoctor] = await waitForMails(doctor.user.email, [/^Programare anulată/]);
    assert.match(toDoctor!.Text, /Motivul: The doctor is ill that day/);
    assert.equal((await http(api(`/doctors/${doctor.doctor.id}/available-slots?date=${day}`))).body.reason, 'TIME_OFF');
  });

  it('answers 404 to another doctor and 403 to a patient, changing nothing', async () => {
    const other = await createDoctor({ schedule: [], admin });
    const body = { start_date: clinicDate(50), end_date: clinicDate(50), reason: 'Not theirs' };
    const path = api(`/doctors/${doctor.doctor.id}/time-off`);
    assert.equal((await http(path, { method: 'POST', token: other.user.token, body })).status, 404);
    assert.equal((await http(path, { method: 'POST', token: patient.token, body })).status, 403);
  });
});

describe('DELETE /doctors/{doctor_id}/schedule/{schedule_id} under booked times', () => {
  let doctor: CreatedDoctor;
  let patient: TestUser;
  let appointment: { id: string };
  let entryOfTheDay: string;

  before(async () => {
    [doctor, patient] = await Promise.all([createDoctor({ schedule: ALL_WEEK, admin }), registerPatient('hours')]);
    const [slot] = await slotsOn(doctor.doctor.id, 4);
    appointment = await booked(patient, doctor.doctor.id, slot!);
    entryOfTheDay = doctor.schedule.find((entry) => entry.weekday === isoWeekday(clinicDate(4)))!.id;
  });

  const removeEntry = (entryId: string, query = '', token = doctor.user.token) =>
    http(api(`/doctors/${doctor.doctor.id}/schedule/${entryId}${query}`), { method: 'DELETE', token });

  it('answers 409 SCHEDULE_HAS_APPOINTMENTS and keeps the hours holding an appointment, with their id', async () => {
    const answer = await removeEntry(entryOfTheDay);
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'SCHEDULE_HAS_APPOINTMENTS');
    assert.deepEqual(listedIds(answer), [appointment.id]);
    const schedule = await http(api(`/doctors/${doctor.doctor.id}/schedule`));
    assert.ok(schedule.body.entries.some((entry: { id: string }) => entry.id === entryOfTheDay));
    assert.equal(await statusOf(appointment.id), 'PENDING');
  });

  it('removes hours no appointment needs', async () => {
    const free = doctor.schedule.find((entry) => entry.weekday === isoWeekday(clinicDate(5)))!.id;
    assert.equal((await removeEntry(free)).status, 204);
  });

  it('answers 400 REASON_REQUIRED for ?cancel_appointments=true without a reason', async () => {
    const answer = await removeEntry(entryOfTheDay, '?cancel_appointments=true');
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'REASON_REQUIRED');
  });

  it('cancels the appointments when the doctor asks, as the doctor, with the reason', async () => {
    const reason = encodeURIComponent('Clinic hours change');
    const answer = await removeEntry(entryOfTheDay, `?cancel_appointments=true&cancellation_reason=${reason}`);
    assert.equal(answer.status, 204, JSON.stringify(answer.body));
    assert.equal(await statusOf(appointment.id), 'CANCELLED');
    const [event] = await cancellationOf(appointment.id);
    assert.deepEqual([event.cancelledBy, event.reason], ['DOCTOR', 'Clinic hours change']);
    const [toPatient] = await waitForMails(patient.email, [/^Programare anulată/]);
    assert.match(toPatient!.Text, /anulată de medic\.\n\nMotivul: Clinic hours change/);
    const schedule = await http(api(`/doctors/${doctor.doctor.id}/schedule`));
    assert.ok(!schedule.body.entries.some((entry: { id: string }) => entry.id === entryOfTheDay));
  });
});

describe('a booking queued while time off is added over its day', () => {
  /** A burst of bookings of one day's slots, with the time off for that day sent once `after` are on their way. */
  async function race(doctor: CreatedDoctor, days: number, after: number, cancel: boolean) {
    // A patient of their own: another race's appointments at the same times would collide (PATIENT_BUSY).
    const patient = await registerPatient('racing');
    const date = clinicDate(days);
    const slots = (await slotsOn(doctor.doctor.id, days)).slice(0, 16);
    const body = {
      start_date: date,
      end_date: date,
      reason: 'Sudden leave',
      ...(cancel ? { cancel_appointments: true, cancellation_reason: 'The doctor had to leave' } : {}),
    };
    const { answers, change: timeOffAnswer } = await bookingsRacing(patient, doctor.doctor.id, slots, after, () =>
      http(api(`/doctors/${doctor.doctor.id}/time-off`), { method: 'POST', token: admin, body }),
    );
    for (const answer of answers) {
      const refused = answer.status === 400 && answer.body.error.code === 'TIME_OFF';
      assert.ok(answer.status === 201 || refused, `a booking answered ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    const timeOffKept = (await http(api(`/doctors/${doctor.doctor.id}/time-off`), { token: admin })).body.items.length > 0;
    return {
      timeOff: timeOffAnswer,
      timeOffKept,
      booked: answers.filter((a) => a.status === 201).map((a) => a.body.id as string),
      active: await activeOn(doctor.doctor.id, date),
    };
  }

  it('is refused by the booking, or listed by the refused time off: never kept on a day off', async () => {
    for (const after of [0, 4, 12]) {
      const doctor = await createDoctor({ schedule: ALL_WEEK, admin });
      const { timeOff, timeOffKept, booked, active } = await race(doctor, 6, after, false);
      if (timeOff.status === 201) {
        assert.equal(timeOffKept, true);
        assert.deepEqual(booked, [], 'a booking answered 201 on a day off added before it was decided');
        assert.deepEqual(active, []);
      } else {
        assert.equal(timeOff.status, 409, JSON.stringify(timeOff.body));
        assert.equal(timeOffKept, false, 'a refused time off is not kept');
        for (const id of listedIds(timeOff)) assert.ok(booked.includes(id), `${id} listed, yet its booking was not answered 201`);
        assert.deepEqual(active, [...booked].sort(), 'every 201 stands on a day that stayed a working day');
      }
    }
  });

  it('is refused by the booking, or cancelled with the time off that asks for it', async () => {
    for (const after of [2, 8]) {
      const doctor = await createDoctor({ schedule: ALL_WEEK, admin });
      const { timeOff, timeOffKept, booked, active } = await race(doctor, 7, after, true);
      assert.equal(timeOff.status, 201, JSON.stringify(timeOff.body));
      assert.equal(timeOffKept, true);
      assert.deepEqual(active, [], 'no appointment left on the day off');
      for (const id of booked) assert.equal(await statusOf(id), 'CANCELLED');
    }
  });
});

// What patients are told of the clinic's rules around an appointment, read in Mailpit: a booking the
// front desk made for them, the reason of a change inside the cut-off, an expired request, and a
// reminder that says until when they may still cancel online.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { withAppointmentsDb, type Slot } from '../support/booking.ts';
import { ALL_WEEK, CLINIC_TIME_ZONE, clinicDate, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import { adminToken, serviceToken } from '../support/identity.ts';
import { waitForMails } from '../support/mail.ts';
import { bookThroughGateway, emailTimes, gateway, registerNamedPatient, slotsOn } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

/** The test stack's PATIENT_CHANGE_CUTOFF_HOURS (devstack/src/platform.ts), for both services. */
const CUTOFF_HOURS = 1;

/** "joi, 3 decembrie la 21:30" as the reminders write a moment. */
function dayAndTime(instant: Date, language: 'ro' | 'en'): string {
  const locale = language === 'ro' ? 'ro-RO' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { timeZone: CLINIC_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long' });
  const time = new Intl.DateTimeFormat(locale, { timeZone: CLINIC_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${day.format(instant)} ${language === 'ro' ? 'la' : 'at'} ${time.format(instant)}`;
}

/** Time cannot be fast-forwarded for the services, so the appointment is moved to start this many minutes from now. */
const startIn = (id: string, minutes: number) =>
  withAppointmentsDb(async (db) => {
    const { rows } = await db.query(
      `UPDATE appointments SET start_time = now() + make_interval(mins => $2), end_time = now() + make_interval(mins => $2 + 30)
       WHERE id = $1 RETURNING start_time, end_time`,
      [id, minutes],
    );
    return { start: (rows[0].start_time as Date).toISOString(), end: (rows[0].end_time as Date).toISOString() } satisfies Slot;
  });

describe('emails of the clinic’s rules around an appointment', () => {
  let created: CreatedDoctor;
  let admin: string;

  before(async () => {
    // One after the other: Keycloak refuses simultaneous logins of one user (createDoctor logs the admin in).
    created = await createDoctor({ schedule: ALL_WEEK });
    admin = await adminToken();
  });

  it('tells a patient the front desk booked for them', async () => {
    const patient = await registerNamedPatient('Mădălina Ștefănescu');
    const [slot] = await slotsOn(created.doctor.id, 3);
    const booked = await http(gateway('/appointments'), {
      method: 'POST',
      token: admin,
      headers: { 'idempotency-key': randomUUID() },
      body: { doctor_id: created.doctor.id, start_time: slot!.start, end_time: slot!.end, patient_id: patient.id },
    });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    const [mail] = await waitForMails(patient.email, [new RegExp(`^Programare înregistrată: .*${emailTimes(slot!, 'ro')}`)]);
    assert.ok(mail!.Text.includes('Bună ziua, Mădălina Ștefănescu,'));
    assert.ok(mail!.Text.includes('Programarea a fost făcută pentru dumneavoastră de clinică.'), mail!.Text);
    // The clinic made it: confirmed at once, and the email says so (no confirmation email is to follow).
    assert.equal(booked.body.status, 'CONFIRMED');
    assert.ok(mail!.Text.includes('a fost înregistrată și confirmată.'), mail!.Text);
    assert.ok(mail!.Text.includes('Stare: confirmată'), mail!.Text);
  });

  it('tells the patient why the doctor moved, then cancelled, an appointment inside the cut-off', async () => {
    const patient = await registerNamedPatient('Radu Constantinescu');
    const [slot] = await slotsOn(created.doctor.id, 4);
    const booked = await bookThroughGateway(patient, created.doctor.id, slot!);
    await startIn(booked.id, 30);
    const later = (await slotsOn(created.doctor.id, 5))[0]!;
    const moved = await http(gateway(`/appointments/${booked.id}`), {
      method: 'PUT',
      token: created.user.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { start_time: later.start, end_time: later.end, reason: 'Medicul are o intervenție de urgență' },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const [movedMail] = await waitForMails(patient.email, [new RegExp(`^Programare mutată: ${emailTimes(later, 'ro')}`)]);
    assert.ok(movedMail!.Text.includes('Motivul: Medicul are o intervenție de urgență'), movedMail!.Text);

    await startIn(booked.id, 20);
    const cancelled = await http(gateway(`/appointments/${booked.id}/cancel`), {
      method: 'PUT',
      token: created.user.token,
      body: { reason: 'Cabinetul este închis azi' },
    });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    const [cancelMail] = await waitForMails(patient.email, [/^Programare anulată/]);
    assert.ok(cancelMail!.Text.includes('anulată de medic.\n\nMotivul: Cabinetul este închis azi'), cancelMail!.Text);
  });

  it('tells a patient, in their language, that an unconfirmed request expired and where to book again', async () => {
    const patient = await registerNamedPatient('Jane Expired', 'en');
    const [slot] = await slotsOn(created.doctor.id, 6);
    const booked = await bookThroughGateway(patient, created.doctor.id, slot!);
    // Started five minutes ago and never confirmed: the expiry job turns it EXPIRED within a second.
    const started = await startIn(booked.id, -5);
    const [mail] = await waitForMails(patient.email, [/^Your appointment request expired/]);
    assert.equal(mail!.Subject, `Your appointment request expired: ${booked.doctor_name}, ${emailTimes(started, 'en')}`);
    assert.ok(mail!.Text.includes('was not confirmed by the clinic before its time, so it has expired'), mail!.Text);
    assert.ok(mail!.Text.includes(`Book again: ${testStack().gatewayUrl}/doctors/${created.doctor.id}`), mail!.Text);
    assert.ok(mail!.Text.includes('Status: expired'));
  });

  it('reminds a patient until when they may cancel online, or, once that passed, to tell the clinic', async () => {
    const patient = await registerNamedPatient('Cristina Bălănescu');
    // Tomorrow: the reminder run records its REMINDER_DUE by itself.
    const [tomorrow] = await slotsOn(created.doctor.id, 1);
    await bookThroughGateway(patient, created.doctor.id, tomorrow!);
    const until = dayAndTime(new Date(Date.parse(tomorrow!.start) - CUTOFF_HOURS * 3_600_000), 'ro');
    const [reminder] = await waitForMails(patient.email, [new RegExp(`^Reamintire: programarea de mâine, ${emailTimes(tomorrow!, 'ro')}`)]);
    assert.ok(reminder!.Text.includes(`anulați programarea din cont până ${until}, ca altcineva să poată veni`), reminder!.Text);

    // Half an hour ahead, inside the cut-off, when its reminder is recorded.
    const [other] = await slotsOn(created.doctor.id, 7);
    const close = await bookThroughGateway(patient, created.doctor.id, other!);
    const near = await startIn(close.id, 30);
    const recorded = await http(`${testStack().services['appointment-service-1']}/internal/appointments/${close.id}/reminder-due`, {
      method: 'POST',
      token: await serviceToken(),
    });
    assert.equal(recorded.status, 200);
    assert.equal(recorded.body.recorded, true);
    // It starts today (unless the test runs in the clinic's last half hour of the day): the reminder says so.
    const day =
      new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TIME_ZONE }).format(new Date(near.start)) === clinicDate(0) ? 'astăzi' : 'mâine';
    const [late] = await waitForMails(patient.email, [new RegExp(`^Reamintire: programarea de ${day}, ${emailTimes(near, 'ro')}`)]);
    assert.ok(late!.Text.includes(`Vă reamintim programarea de ${day}:`), late!.Text);
    assert.ok(late!.Text.includes('Programarea este prea aproape pentru a mai fi anulată online.'), late!.Text);
    assert.ok(!late!.Text.includes('anulați programarea din cont'));
  });
});

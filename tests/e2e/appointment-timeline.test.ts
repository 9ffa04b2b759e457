// An appointment's story as the clinic's staff read it (GET /api/appointments/{id}/timeline): booked
// online, moved, cancelled by the front desk with a reason, each step with who did it, each PDF version,
// and each email with whether the SMTP server accepted it, checked against what Mailpit received.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { ALL_WEEK, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { adminToken, claimsOf, serviceToken, type TestUser } from '../support/identity.ts';
import { waitForMails } from '../support/mail.ts';
import { bookThroughGateway, emailTimes, eventually, gateway, registerNamedPatient, slotsOn } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const timelineOf = (id: string, token: string) => http(gateway(`/appointments/${id}/timeline`), { token });

describe('an appointment’s timeline, through the gateway', () => {
  let created: CreatedDoctor;
  let otherDoctor: CreatedDoctor;
  let patient: TestUser;
  let admin: string;

  before(async () => {
    // One after the other: Keycloak refuses simultaneous logins of one user (createDoctor logs the admin in).
    created = await createDoctor({ schedule: ALL_WEEK });
    otherDoctor = await createDoctor({ schedule: ALL_WEEK });
    patient = await registerNamedPatient('Aurelia Dănilă');
    admin = await adminToken();
  });

  it('book, reschedule, cancel: each step with its actor and reason, the PDFs, and every email with its delivery', async () => {
    const [slot] = await slotsOn(created.doctor.id, 3);
    const later = (await slotsOn(created.doctor.id, 4))[0]!;
    const booked = await bookThroughGateway(patient, created.doctor.id, slot!);
    await waitForMails(patient.email, [/^Programare înregistrată/]);
    const moved = await http(gateway(`/appointments/${booked.id}`), {
      method: 'PUT',
      token: patient.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { start_time: later.start, end_time: later.end },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await waitForMails(patient.email, [/^Programare mutată/]);
    // The moved appointment's PDF is made before it is cancelled (a cancelled appointment gets none).
    await eventually('the PDF of the move is made', async () => {
      const answer = await timelineOf(booked.id, admin);
      return answer.body.entries?.filter((entry: Json) => entry.kind === 'PDF_GENERATED').length >= 2;
    });
    const reason = 'Pacienta a sunat la recepție';
    const cancelled = await http(gateway(`/appointments/${booked.id}/cancel`), { method: 'PUT', token: admin, body: { reason } });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    const [cancelMail] = await waitForMails(patient.email, [/^Programare anulată/]);

    // The emails about the cancellation are recorded SENT once the relay took them: wait for every one to be.
    // A new PDF is recorded (PDF_GENERATED) but not emailed: its link was in the change's own email.
    const timeline = await eventually('every email of the three changes is SENT', async () => {
      const answer = await timelineOf(booked.id, admin);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const emails = answer.body.entries.filter((entry: Json) => entry.kind === 'EMAIL');
      const types = new Set(emails.map((entry: Json) => entry.email.type));
      const done =
        ['CREATED', 'UPDATED', 'CANCELLED'].every((type) => types.has(type)) &&
        emails.every((e: Json) => e.email.status === (e.email.type === 'PDF_GENERATED' ? 'NOT_SENT' : 'SENT'));
      return done && answer.body;
    });
    assert.equal(timeline.emails_known, true);
    const entries: Json[] = timeline.entries;
    const times = entries.map((entry) => Date.parse(entry.at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'in time order',
    );

    const changes = entries.filter((entry) => ['BOOKED', 'RESCHEDULED', 'CANCELLED'].includes(entry.kind));
    assert.deepEqual(
      changes.map((entry) => [entry.kind, entry.actor?.role, entry.actor?.id]),
      [
        ['BOOKED', 'PATIENT', patient.id],
        ['RESCHEDULED', 'PATIENT', patient.id],
        ['CANCELLED', 'ADMIN', claimsOf(admin).sub],
      ],
    );
    const [book, reschedule, cancel] = changes;
    assert.equal(book.booked_via, 'ONLINE');
    assert.equal(book.actor.name, 'Aurelia Dănilă');
    assert.equal(Date.parse(book.start_time), Date.parse(slot!.start));
    assert.deepEqual(
      [reschedule.previous_start_time, reschedule.start_time].map(Date.parse),
      [Date.parse(slot!.start), Date.parse(later.start)],
      'moved from the first time to the later one',
    );
    assert.equal(cancel.reason, reason);
    assert.ok(cancel.actor.name, 'the admin is named');

    const pdfs = entries.filter((entry) => entry.kind === 'PDF_GENERATED');
    assert.ok(pdfs.length >= 2, `a PDF for the booking and one for the move, not ${pdfs.length}`);
    assert.deepEqual(
      pdfs.map((entry) => entry.pdf_version),
      pdfs.map((_, index) => index + 1),
    );

    const toPatient = entries.filter((entry) => entry.kind === 'EMAIL' && entry.email.recipient_email === patient.email);
    const cancelEmail = toPatient.find((entry) => entry.email.type === 'CANCELLED');
    assert.equal(cancelEmail.email.subject, cancelMail!.Subject, 'the email Mailpit received');
    assert.ok(cancelEmail.email.subject.includes(emailTimes(later, 'ro')));
    assert.ok(cancelEmail.email.sent_at, 'accepted by the SMTP server at a time');
    assert.ok(Date.parse(cancelEmail.at) >= Date.parse(cancel.at), 'told after the cancellation');
    assert.ok(
      entries.some((entry) => entry.kind === 'EMAIL' && entry.email.recipient_email === created.user.email),
      'the doctor’s emails too',
    );
  });

  it('is for staff: the admin and the appointment’s doctor read it; its patient gets 403, another doctor 404', async () => {
    const [slot] = await slotsOn(created.doctor.id, 5);
    const booked = await bookThroughGateway(patient, created.doctor.id, slot!);
    const byDoctor = await timelineOf(booked.id, created.user.token);
    assert.equal(byDoctor.status, 200, JSON.stringify(byDoctor.body));
    assert.equal(byDoctor.body.entries[0].kind, 'BOOKED');
    assert.equal((await timelineOf(booked.id, patient.token)).status, 403);
    const byOther = await timelineOf(booked.id, otherDoctor.user.token);
    assert.equal(byOther.status, 404);
    assert.equal(byOther.body.error.code, 'NOT_FOUND');
    assert.equal((await timelineOf(randomUUID(), admin)).status, 404);
    assert.equal((await timelineOf('not-an-id', admin)).status, 400);
    assert.equal((await http(gateway(`/appointments/${booked.id}/timeline`))).status, 401);
  });

  it('shows the reminder recorded for it, and the reminder email with its delivery', async () => {
    const [slot] = await slotsOn(created.doctor.id, 6);
    const booked = await bookThroughGateway(patient, created.doctor.id, slot!);
    const recorded = await http(`${testStack().services['appointment-service-1']}/internal/appointments/${booked.id}/reminder-due`, {
      method: 'POST',
      token: await serviceToken(),
    });
    assert.deepEqual([recorded.status, recorded.body.recorded], [200, true]);
    const entries: Json[] = await eventually('the reminder email is SENT', async () => {
      const answer = await timelineOf(booked.id, admin);
      const sent = answer.body.entries?.some(
        (entry: Json) => entry.kind === 'EMAIL' && entry.email.type === 'REMINDER_DUE' && entry.email.status === 'SENT',
      );
      return sent && answer.body.entries;
    });
    const reminder = entries.find((entry) => entry.kind === 'REMINDER_DUE');
    assert.ok(reminder, 'the reminder is in the timeline');
    assert.equal(reminder.actor, null, 'the platform sent it by itself');
    const email = entries.find((entry) => entry.kind === 'EMAIL' && entry.email.type === 'REMINDER_DUE');
    assert.equal(email.email.recipient_email, patient.email);
    assert.ok(Date.parse(email.at) >= Date.parse(reminder.at));
  });
});

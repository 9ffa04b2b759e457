// The links in appointment emails, through the gateway and without a login: read out of the emails in
// Mailpit, they open the appointment, move it through the booking queue, cancel it once, serve its PDF;
// forged, expired, reused and out-of-rule links are refused with a clear 4xx that changes nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { startAppointmentIn } from '../support/booking.ts';
import { ALL_WEEK, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { linkIn, signedLinkToken } from '../support/email-links.ts';
import { http } from '../support/http.ts';
import type { TestUser } from '../support/identity.ts';
import { mailsTo, waitForMails } from '../support/mail.ts';
import { bookThroughGateway, emailTimes, eventually, gateway, registerNamedPatient, slotsOn } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const byLink = (token: string, action = '') => gateway(`/appointments/links/${token}${action}`);
const statusOf = async (patient: TestUser, id: string) =>
  (await http(gateway(`/appointments/${id}`), { token: patient.token })).body.status;

describe('appointment links in emails', () => {
  let doctor: CreatedDoctor;
  let patient: TestUser;

  before(async () => {
    doctor = await createDoctor({ schedule: ALL_WEEK });
    patient = await registerNamedPatient('Ioana Mureșan');
  });

  it('one booking email with the links and the PDF link: the PDF is served once ready, and no second email comes for it', async () => {
    const [slot] = await slotsOn(doctor.doctor.id, 4);
    const booked = await bookThroughGateway(patient, doctor.doctor.id, slot!);
    const [mail] = await waitForMails(patient.email, [new RegExp(`^Programare înregistrată: .*${emailTimes(slot!, 'ro')}`)]);
    const view = linkIn(mail!.Text, 'Vedeți programarea (fără autentificare)');
    const pdf = linkIn(mail!.Text, 'Documentul PDF al programării');
    assert.ok(view?.startsWith(`${testStack().gatewayUrl}/a/`), mail!.Text);
    assert.equal(linkIn(mail!.Text, 'Anulați programarea'), `${view}?do=cancel`);
    assert.equal(linkIn(mail!.Text, 'Mutați programarea'), `${view}?do=reschedule`);
    assert.ok(pdf?.startsWith(`${testStack().gatewayUrl}/api/appointments/links/`), mail!.Text);
    assert.ok(mail!.HTML.includes(`href="${view}?do=cancel"`));

    const document = await eventually('the PDF served by the link', async () => {
      const answer = await fetch(pdf!);
      if (answer.status === 404) {
        assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'PDF_NOT_READY');
        return undefined;
      }
      return answer;
    });
    assert.equal(document.status, 200);
    assert.equal(document.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await document.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );

    // PDF_GENERATED is recorded, as NOT_SENT: the patient had its link in the booking email.
    const recorded = await eventually('PDF_GENERATED recorded', async () => {
      const mine = await http(gateway('/notifications/my'), { token: patient.token });
      return mine.body.items?.find(
        (n: { type: string; appointment_id: string }) => n.type === 'PDF_GENERATED' && n.appointment_id === booked.id,
      );
    });
    assert.equal(recorded.status, 'NOT_SENT');
    assert.ok(!(await mailsTo(patient.email)).some((m) => /^Documentul programării/.test(m.Subject)), 'no PDF email');
  });

  it('the view link answers the appointment and what it allows now, without a login', async () => {
    const [slot] = await slotsOn(doctor.doctor.id, 5);
    const booked = await bookThroughGateway(patient, doctor.doctor.id, slot!);
    const token = signedLinkToken({ id: booked.id, patient_id: patient.id }, ['VIEW', 'RESCHEDULE', 'CANCEL'], { language: 'en' });
    const view = await http(byLink(token));
    assert.equal(view.status, 200);
    assert.equal(view.body.appointment.id, booked.id);
    assert.equal(view.body.appointment.doctor_name, booked.doctor_name);
    assert.equal(view.body.appointment.start_time, booked.start_time);
    assert.equal(view.body.language, 'en');
    assert.deepEqual(view.body.actions, ['VIEW', 'RESCHEDULE', 'CANCEL']);
    assert.equal(view.body.appointment.patient_email, undefined, 'no addresses in the answer');
  });

  it('reschedules through the booking queue like the patient’s own move, and refuses a taken time', async () => {
    const slots = await slotsOn(doctor.doctor.id, 6);
    const booked = await bookThroughGateway(patient, doctor.doctor.id, slots[0]!);
    const other = await bookThroughGateway(await registerNamedPatient('Alt Pacient'), doctor.doctor.id, slots[2]!);
    const token = signedLinkToken({ id: booked.id, patient_id: patient.id });
    const move = (slot: { start: string; end: string }) =>
      http(byLink(token, '/reschedule'), {
        method: 'POST',
        headers: { 'idempotency-key': randomUUID() },
        body: { start_time: slot.start, end_time: slot.end },
      });
    const moved = await move(slots[1]!);
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(new Date(moved.body.start_time).getTime(), new Date(slots[1]!.start).getTime());
    const [updated] = await waitForMails(patient.email, [/^Programare mutată/]);
    assert.ok(linkIn(updated!.Text, 'Anulați programarea'), 'the move’s email has its own links');
    const taken = await move({ start: other.start_time, end: other.end_time });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'SLOT_TAKEN');
  });

  it('cancels once: the same link again answers 410 LINK_USED, and an emailed link of a cancelled appointment only views', async () => {
    const [slot] = await slotsOn(doctor.doctor.id, 7);
    const booked = await bookThroughGateway(patient, doctor.doctor.id, slot!);
    const token = signedLinkToken({ id: booked.id, patient_id: patient.id });
    const cancelled = await http(byLink(token, '/cancel'), { method: 'POST' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.status, 'CANCELLED');
    assert.equal(await statusOf(patient, booked.id), 'CANCELLED');
    const again = await http(byLink(token, '/cancel'), { method: 'POST' });
    assert.equal(again.status, 410);
    assert.equal(again.body.error.code, 'LINK_USED');
    assert.deepEqual((await http(byLink(token))).body.actions, ['VIEW']);
    const [mail] = await waitForMails(patient.email, [new RegExp(`^Programare anulată: ${emailTimes(slot!, 'ro')}`)]);
    assert.ok(linkIn(mail!.Text, 'Vedeți programarea (fără autentificare)'));
    assert.equal(linkIn(mail!.Text, 'Anulați programarea'), undefined);
  });

  it('refuses by link what the cut-off refuses logged in, and spends no use of the link on it', async () => {
    const [slot] = await slotsOn(doctor.doctor.id, 8);
    const booked = await bookThroughGateway(patient, doctor.doctor.id, slot!);
    await startAppointmentIn(booked.id, 20);
    const token = signedLinkToken({ id: booked.id, patient_id: patient.id });
    assert.deepEqual((await http(byLink(token))).body.actions, ['VIEW']);
    const refused = await http(byLink(token, '/cancel'), { method: 'POST' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'CHANGE_CUTOFF_PASSED');
    assert.notEqual(await statusOf(patient, booked.id), 'CANCELLED');
  });

  it('refuses forged, expired, malformed links and actions the link does not carry, changing nothing', async () => {
    const [slot] = await slotsOn(doctor.doctor.id, 9);
    const booked = await bookThroughGateway(patient, doctor.doctor.id, slot!);
    const token = signedLinkToken({ id: booked.id, patient_id: patient.id }, ['VIEW']);
    const [payload, signature] = token.split('~');
    const forged = await http(byLink(`${payload}~${signature!.slice(0, -2)}AA`, '/cancel'), { method: 'POST' });
    assert.equal(forged.status, 403);
    assert.equal(forged.body.error.code, 'LINK_INVALID');
    const expired = signedLinkToken({ id: booked.id, patient_id: patient.id }, ['VIEW', 'CANCEL'], { expiresAt: 1_000_000 });
    const late = await http(byLink(expired, '/cancel'), { method: 'POST' });
    assert.equal(late.status, 410);
    assert.equal(late.body.error.code, 'LINK_EXPIRED');
    const viewOnly = await http(byLink(token, '/cancel'), { method: 'POST' });
    assert.equal(viewOnly.status, 403);
    assert.equal(viewOnly.body.error.code, 'LINK_ACTION_NOT_ALLOWED');
    const someoneElses = signedLinkToken({ id: booked.id, patient_id: randomUUID() });
    assert.equal((await http(byLink(someoneElses))).status, 404);
    assert.equal((await http(byLink('not-a-token'))).status, 400);
    assert.equal((await http(byLink(token, '/reschedule'), { method: 'POST', body: { start_time: 'soon' } })).status, 400);
    assert.equal(await statusOf(patient, booked.id), 'PENDING');
  });
});

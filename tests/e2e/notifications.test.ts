import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { withAppointmentsDb } from '../support/booking.ts';
import { ALL_WEEK, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { adminToken, registerPatient, type TestUser } from '../support/identity.ts';
import { attachmentText, mailsTo, parseInvite, waitForMails } from '../support/mail.ts';
import { bookThroughGateway, emailTimes, eventually, gateway, registerNamedPatient, slotsOn } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const uidOf = (appointmentId: string) => `appointment-${appointmentId}@localhost`;

describe('emails of an appointment’s life, through the gateway', () => {
  let created: CreatedDoctor;
  let doctorEmail: string;
  let patient: TestUser;

  before(async () => {
    created = await createDoctor({ schedule: ALL_WEEK });
    doctorEmail = created.user.email;
    patient = await registerNamedPatient('Ștefan Țăranu');
  });

  it('book → the patient and the doctor get their emails in Romanian, with an invitation a calendar parser reads', async () => {
    const [slot] = await slotsOn(created.doctor.id, 3);
    const booked = await bookThroughGateway(patient, created.doctor.id, slot!);
    const when = emailTimes(slot!, 'ro');

    const [toPatient] = await waitForMails(patient.email, [/^Programare înregistrată/]);
    assert.equal(toPatient!.Subject, `Programare înregistrată: ${booked.doctor_name}, ${when}`);
    for (const part of [toPatient!.Text, toPatient!.HTML]) {
      assert.ok(part.includes('Ștefan Țăranu'), 'greets the patient with diacritics intact');
      assert.ok(part.includes(booked.specialization_name));
      assert.ok(part.includes(`${booked.cabinet_name}, ${booked.cabinet_location}, etajul ${booked.cabinet_floor}`));
      assert.ok(part.includes('în așteptarea confirmării'));
      assert.ok(part.includes(testStack().gatewayUrl), 'the clinic’s public URL');
    }
    const invite = parseInvite(await attachmentText(toPatient!, 'invite.ics'));
    assert.equal(invite.method, 'REQUEST');
    assert.equal(invite.event.uid, uidOf(booked.id));
    assert.equal(Number(invite.event.sequence), 0);
    assert.equal(new Date(invite.event.start).toISOString(), new Date(slot!.start).toISOString());
    assert.equal(new Date(invite.event.end).toISOString(), new Date(slot!.end).toISOString());

    const [toDoctor] = await waitForMails(doctorEmail, [/^Programare nouă în calendar/]);
    assert.equal(toDoctor!.Subject, `Programare nouă în calendar: Ștefan Țăranu, ${when}`);
    assert.equal(parseInvite(await attachmentText(toDoctor!, 'invite.ics')).event.uid, uidOf(booked.id));

    // The event is marked processed in appointment-service, and the rows say SENT.
    await eventually('the CREATED event is marked processed', () =>
      withAppointmentsDb(async (db) => {
        const { rows } = await db.query(`SELECT is_processed FROM appointment_events WHERE appointment_id = $1 AND type = 'CREATED'`, [
          booked.id,
        ]);
        return rows[0]?.is_processed === true;
      }),
    );
    const mine = await eventually('the patient’s CREATED row is SENT', async () => {
      const answer = await http(gateway('/notifications/my'), { token: patient.token });
      const row = answer.body.items.find((n: Json) => n.type === 'CREATED' && n.appointment_id === booked.id);
      return row?.status === 'SENT' ? row : undefined;
    });
    assert.equal(mine.channel, 'EMAIL');
    assert.equal(mine.recipient_email, patient.email);
    assert.ok(mine.attempts >= 1);
    assert.equal(mine.last_error, null);
    assert.ok(mine.sent_at);
  });

  it('reschedule and cancel → both hear of it: old and new time, the same UID with a higher SEQUENCE, then METHOD:CANCEL', async () => {
    const [first] = await slotsOn(created.doctor.id, 4);
    const later = (await slotsOn(created.doctor.id, 5)).at(-1)!;
    const booked = await bookThroughGateway(patient, created.doctor.id, first!);
    await waitForMails(patient.email, [new RegExp(`^Programare înregistrată: .*${emailTimes(first!, 'ro')}`)]);

    const moved = await http(gateway(`/appointments/${booked.id}`), {
      method: 'PUT',
      token: created.user.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { start_time: later.start, end_time: later.end },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const movedSubject = new RegExp(`^Programare mutată: ${emailTimes(later, 'ro')}`);
    const [patientMoved] = await waitForMails(patient.email, [movedSubject]);
    const [doctorMoved] = await waitForMails(doctorEmail, [movedSubject]);
    for (const mail of [patientMoved!, doctorMoved!]) {
      assert.ok(mail.Text.includes(`Înainte:\nData și ora: ${emailTimes(first!, 'ro')}`), mail.Text);
      assert.ok(mail.Text.includes(`Data și ora: ${emailTimes(later, 'ro')}`));
      const invite = parseInvite(await attachmentText(mail, 'invite.ics'));
      assert.equal(invite.method, 'REQUEST');
      assert.equal(invite.event.uid, uidOf(booked.id));
      assert.equal(Number(invite.event.sequence), 1);
      assert.equal(new Date(invite.event.start).toISOString(), new Date(later.start).toISOString());
    }

    const cancelled = await http(gateway(`/appointments/${booked.id}/cancel`), { method: 'PUT', token: patient.token });
    assert.equal(cancelled.status, 200);
    const cancelSubject = new RegExp(`^Programare anulată: ${emailTimes(later, 'ro')}`);
    const [patientCancel] = await waitForMails(patient.email, [cancelSubject]);
    const [doctorCancel] = await waitForMails(doctorEmail, [cancelSubject]);
    for (const mail of [patientCancel!, doctorCancel!]) {
      assert.ok(mail.Text.includes('anulată de pacient'));
      assert.ok(mail.Text.includes(`Intervalul ${emailTimes(later, 'ro')} este din nou liber.`));
      const invite = parseInvite(await attachmentText(mail, 'invite.ics'));
      assert.equal(invite.method, 'CANCEL');
      assert.equal(invite.event.uid, uidOf(booked.id));
      assert.equal(Number(invite.event.sequence), 2);
      assert.equal(invite.event.status, 'CANCELLED');
    }
  });

  it('speaks English to a patient who chose it: booking and confirmation', async () => {
    const english = await registerNamedPatient('Jane Doe', 'en');
    const [slot] = await slotsOn(created.doctor.id, 6);
    const booked = await bookThroughGateway(english, created.doctor.id, slot!);
    const [mail] = await waitForMails(english.email, [/^Appointment booked/]);
    assert.equal(mail!.Subject, `Appointment booked: ${booked.doctor_name}, ${emailTimes(slot!, 'en')}`);
    assert.match(mail!.Text, /Status: awaiting confirmation/);
    const confirmed = await http(gateway(`/appointments/${booked.id}/confirm`), { method: 'PUT', token: created.user.token });
    assert.equal(confirmed.status, 200);
    const [confirmation] = await waitForMails(english.email, [/^Appointment confirmed/]);
    assert.match(confirmation!.Text, /The clinic confirmed your appointment/);
    assert.match(confirmation!.Text, /Status: confirmed/);
  });

  it('the booking email’s PDF link downloads the PDF through the gateway, and an altered link is refused', async () => {
    const [slot] = await slotsOn(created.doctor.id, 7);
    await bookThroughGateway(patient, created.doctor.id, slot!);
    // One email per change: the PDF's link is in the booking email, no email of its own follows.
    const [mail] = await waitForMails(patient.email, [new RegExp(`^Programare înregistrată: .*${emailTimes(slot!, 'ro')}`)]);
    const link = /Documentul PDF al programării: (\S+)/.exec(mail!.Text)?.[1];
    assert.ok(link, mail!.Text);
    assert.ok(link.startsWith(`${testStack().gatewayUrl}/api/appointments/links/`), link);
    assert.ok(!link.includes(testStack().minio.endpoint), 'MinIO is never in a link');
    const download = await eventually('the PDF made', async () => {
      const answer = await fetch(link);
      return answer.status === 200 ? answer : undefined;
    });
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    const pdf = Buffer.from(await download.arrayBuffer()).toString('latin1');
    assert.equal(pdf.slice(0, 5), '%PDF-');
    // The stack's demo logo (a PNG with transparency) is in the letterhead, laid on white once at
    // start-up: an opaque image, with no soft mask made again for every PDF.
    assert.match(pdf, /\/Subtype \/Image/);
    assert.doesNotMatch(pdf, /\/SMask/);

    const altered = link.replace(/~([\w-])([\w-]*)\/pdf$/, (_, first: string, rest: string) => `~${first === 'A' ? 'B' : 'A'}${rest}/pdf`);
    assert.notEqual(altered, link);
    const refused = await http(altered);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'LINK_INVALID');
    const malformed = await http(gateway(`/appointments/${randomUUID()}/pdf/download?expires=soon&signature=x`));
    assert.equal(malformed.status, 400);
  });
});

describe('notification routes: roles, ownership, paging, bad input', () => {
  let created: CreatedDoctor;
  let patient: TestUser;
  let stranger: TestUser;
  let admin: string;
  let appointmentId: string;

  before(async () => {
    created = await createDoctor({ schedule: ALL_WEEK });
    [patient, stranger] = await Promise.all([registerPatient('notified-owner'), registerPatient('notified-stranger')]);
    admin = await adminToken();
    const [slot] = await slotsOn(created.doctor.id, 8);
    appointmentId = (await bookThroughGateway(patient, created.doctor.id, slot!)).id;
    await waitForMails(patient.email, [/^Programare înregistrată/]);
    await eventually('the doctor’s row exists', async () => {
      const answer = await http(gateway(`/notifications/appointment/${appointmentId}`), { token: admin });
      return answer.body.items?.some((n: Json) => n.recipient_id === created.user.id);
    });
  });

  it('GET /notifications/my lists only the caller’s rows, newest first, paginated', async () => {
    const answer = await http(gateway('/notifications/my?limit=1'), { token: patient.token });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.limit, 1);
    assert.equal(answer.body.offset, 0);
    assert.equal(answer.body.items.length, 1);
    assert.ok(answer.body.total >= 1);
    assert.ok(answer.body.items.every((n: Json) => n.recipient_id === patient.id));
    for (const field of ['type', 'channel', 'recipient_email', 'status', 'attempts', 'last_error', 'sent_at'])
      assert.ok(field in answer.body.items[0], field);
    const none = await http(gateway('/notifications/my'), { token: stranger.token });
    assert.deepEqual(none.body.items, []);
  });

  it('GET /notifications/user/{id}: the user and admins; anyone else 404', async () => {
    assert.equal((await http(gateway(`/notifications/user/${patient.id}`), { token: patient.token })).status, 200);
    const byAdmin = await http(gateway(`/notifications/user/${patient.id}`), { token: admin });
    assert.equal(byAdmin.status, 200);
    assert.ok(byAdmin.body.items.length >= 1);
    const byStranger = await http(gateway(`/notifications/user/${patient.id}`), { token: stranger.token });
    assert.equal(byStranger.status, 404);
  });

  it('GET /notifications/appointment/{id}: its patient, its doctor and admins; anyone else 404', async () => {
    for (const token of [patient.token, created.user.token, admin]) {
      const answer = await http(gateway(`/notifications/appointment/${appointmentId}`), { token });
      assert.equal(answer.status, 200);
      assert.deepEqual(new Set(answer.body.items.map((n: Json) => n.recipient_id)), new Set([patient.id, created.user.id]));
    }
    assert.equal((await http(gateway(`/notifications/appointment/${appointmentId}`), { token: stranger.token })).status, 404);
    assert.equal((await http(gateway(`/notifications/appointment/${randomUUID()}`), { token: patient.token })).status, 404);
  });

  it('POST /notifications/send: an admin’s message is recorded and emailed; others are refused', async () => {
    const body = { user_id: stranger.id, subject: 'Program de sărbători', message: 'Clinica este închisă pe 1 decembrie.' };
    assert.equal((await http(gateway('/notifications/send'), { method: 'POST', token: patient.token, body })).status, 403);
    const sent = await http(gateway('/notifications/send'), { method: 'POST', token: admin, body });
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    assert.equal(sent.body.type, 'MANUAL');
    assert.equal(sent.body.recipient_id, stranger.id);
    const [mail] = await waitForMails(stranger.email, [/^Program de sărbători$/]);
    assert.ok(mail!.Text.includes('Clinica este închisă pe 1 decembrie.'));
    const row = await eventually('the manual row is SENT', async () => {
      const answer = await http(gateway('/notifications/my'), { token: stranger.token });
      const found = answer.body.items.find((n: Json) => n.id === sent.body.id);
      return found?.status === 'SENT' ? found : undefined;
    });
    assert.equal(row.subject, 'Program de sărbători');
    const unknown = await http(gateway('/notifications/send'), { method: 'POST', token: admin, body: { ...body, user_id: randomUUID() } });
    assert.equal(unknown.status, 404);
  });

  it('are documented in OpenAPI through the gateway, with the PDF download route', async () => {
    const notifications = await http(`${testStack().gatewayUrl}/api/openapi/notification-service.json`);
    assert.equal(notifications.status, 200);
    for (const path of ['/notifications/send', '/notifications/my', '/notifications/user/{id}', '/notifications/appointment/{id}']) {
      assert.ok(notifications.body.paths[path], path);
    }
    const appointments = await http(`${testStack().gatewayUrl}/api/openapi/appointment-service.json`);
    assert.ok(appointments.body.paths['/appointments/{id}/pdf/download']);
  });

  it('answers bad input with 4xx and no token with 401', async () => {
    assert.equal((await http(gateway('/notifications/my'))).status, 401);
    assert.equal((await http(gateway('/notifications/my?limit=0'), { token: patient.token })).status, 400);
    assert.equal((await http(gateway('/notifications/my?offset=-1'), { token: patient.token })).status, 400);
    assert.equal((await http(gateway('/notifications/user/not-a-uuid'), { token: admin })).status, 400);
    assert.equal((await http(gateway('/notifications/appointment/42'), { token: admin })).status, 400);
    for (const body of [
      {},
      { user_id: stranger.id, subject: '', message: 'x' },
      { user_id: stranger.id, subject: 'a\nb', message: 'x' },
      { user_id: stranger.id, subject: 's', message: 'x', extra: 1 },
    ]) {
      const answer = await http(gateway('/notifications/send'), { method: 'POST', token: admin, body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.code, 'VALIDATION_FAILED');
    }
    const malformed = await http(gateway('/notifications/send'), { method: 'POST', token: admin, rawBody: '{"user_id":' });
    assert.equal(malformed.status, 400);
    assert.equal((await mailsTo(stranger.email)).filter((m) => m.Subject === 's').length, 0);
  });
});

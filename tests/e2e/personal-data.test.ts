// A patient's personal data, through the gateway against the real stack: their export holds their
// profile, family members, appointments, notifications, waitlist entries and PDFs, and nothing of another patient; their
// own deletion cancels their appointments ahead (the doctor told), takes them off the waitlist (a freed
// time goes to the next waiter, never to them), purges their notifications, makes their emailed PDF
// link stop working, and leaves what the clinic keeps without their name or address.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { freeSlots, withAppointmentsDb, type Slot } from '../support/booking.ts';
import { ALL_WEEK, clinicDate, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { adminToken, registerPatient, serviceToken, type TestUser } from '../support/identity.ts';
import { mailsTo, readMail, waitForMails } from '../support/mail.ts';
import { bookThroughGateway, eventually, gateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const appointment = async (id: string) => (await http(gateway(`/appointments/${id}`), { token: await adminToken() })).body;

/** The PDF link in the booking email the patient got for the appointment (the PDF comes in no email of its own). */
async function pdfLinkOf(patient: TestUser, appointmentId: string): Promise<string> {
  const [mail] = await waitForMails(patient.email, [/^Programare înregistrată/]);
  const link = /Documentul PDF al programării: (\S+)/.exec(mail!.Text)?.[1];
  assert.ok(link?.includes('/api/appointments/links/'), mail!.Text);
  // The PDF is made a moment after the booking.
  await eventually('the PDF made', async () => (await appointment(appointmentId)).pdf_object_key !== null);
  return link!;
}

const addFamilyMember = (patient: TestUser, fullName: string) =>
  http(gateway('/users/me/family-members'), {
    method: 'POST',
    token: patient.token,
    body: { full_name: fullName, birth_date: '2018-06-01', relation: 'child' },
  });

const joinWaitlist = (patient: TestUser, doctorId: string, from: string, to: string) =>
  http(gateway('/waitlist'), { method: 'POST', token: patient.token, body: { doctor_id: doctorId, date_from: from, date_to: to } });

describe('GET /users/me/export', () => {
  let doctor: CreatedDoctor;
  let patient: TestUser;
  let other: TestUser;
  let mine: Record<string, Json>;
  let theirs: Record<string, Json>;

  before(async () => {
    [doctor, patient, other] = await Promise.all([
      createDoctor({ schedule: ALL_WEEK }),
      registerPatient('exported'),
      registerPatient('export-other'),
    ]);
    const [first, second] = await freeSlots(doctor.doctor.id, 2);
    mine = await bookThroughGateway(patient, doctor.doctor.id, first!);
    theirs = await bookThroughGateway(other, doctor.doctor.id, second!);
    await pdfLinkOf(patient, mine.id as string);
    assert.equal((await joinWaitlist(patient, doctor.doctor.id, clinicDate(2), clinicDate(3))).status, 201);
    assert.equal((await addFamilyMember(patient, 'Ioana Exportată')).status, 201);
    assert.equal((await addFamilyMember(other, 'Mihai Străin')).status, 201);
  });

  it('holds the caller’s profile, appointments, notifications, waitlist and PDFs, and nothing of another patient', async () => {
    const answer = await http(gateway('/users/me/export'), { token: patient.token });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const exported = answer.body;
    assert.ok(!Number.isNaN(Date.parse(exported.exported_at)));
    assert.deepEqual([exported.profile.id, exported.profile.email], [patient.id, patient.email]);
    assert.deepEqual(
      exported.family_members.map((m: Json) => [m.full_name, m.birth_date, m.relation]),
      [['Ioana Exportată', '2018-06-01', 'child']],
    );
    assert.deepEqual(
      exported.appointments.map((a: Json) => a.id),
      [mine.id],
    );
    assert.ok(exported.notifications.length > 0);
    for (const notification of exported.notifications) assert.equal(notification.recipient_id, patient.id);
    assert.ok(exported.notifications.some((n: Json) => n.type === 'PDF_GENERATED' && n.body.length > 0));
    assert.deepEqual(
      exported.waitlist.map((e: Json) => [e.patient_id, e.doctor_id]),
      [[patient.id, doctor.doctor.id]],
    );
    assert.equal(exported.documents.length, 1);
    const [document] = exported.documents;
    assert.equal(document.appointment_id, mine.id);
    assert.equal(document.content_type, 'application/pdf');
    assert.equal(Buffer.from(document.content_base64, 'base64').subarray(0, 5).toString(), '%PDF-');

    const text = JSON.stringify(exported);
    for (const foreign of [other.id, other.email, theirs.id as string, 'Test export-other', 'Mihai Străin'])
      assert.ok(!text.includes(foreign), foreign);
  });

  it('needs a token', async () => {
    assert.equal((await http(gateway('/users/me/export'))).status, 401);
  });
});

describe('DELETE /users/me', () => {
  let doctor: CreatedDoctor;
  let leaving: TestUser;
  let waiter: TestUser;
  let booker: TestUser;
  let ahead: Record<string, Json>;
  let past: Record<string, Json>;
  let pdfLink: string;
  let freed: Slot;
  let child: Json;

  before(async () => {
    [doctor, leaving, waiter, booker] = await Promise.all([
      createDoctor({ schedule: ALL_WEEK }),
      registerPatient('leaving-for-good'),
      registerPatient('waiting-next'),
      registerPatient('freeing'),
    ]);
    // From the day after tomorrow: a time tomorrow gets its reminder email whenever the reminder run
    // comes by, which could be just after the test reads what was sent before the deletion.
    const reminderFree = clinicDate(2);
    const slots = (await freeSlots(doctor.doctor.id, 80)).filter((slot) => slot.start.slice(0, 10) >= reminderFree);
    const [aheadSlot, pastSlot] = slots;
    // A time on a later day, for another patient to free once the leaving patient is gone.
    freed = slots.find((slot) => slot.start.slice(0, 10) !== aheadSlot!.start.slice(0, 10))!;
    ahead = await bookThroughGateway(leaving, doctor.doctor.id, aheadSlot!);
    pdfLink = await pdfLinkOf(leaving, ahead.id as string);
    assert.equal((await fetch(pdfLink)).status, 200, 'the link works before the deletion');
    // The kept appointment is a child's, with a reason: neither their name nor the reason outlives the account.
    child = (await addFamilyMember(leaving, 'Copil Plecat')).body;
    const forChild = await http(gateway('/appointments'), {
      method: 'POST',
      token: leaving.token,
      body: {
        doctor_id: doctor.doctor.id,
        start_time: pastSlot!.start,
        end_time: pastSlot!.end,
        family_member_id: child.id,
        reason: 'Febră',
      },
    });
    assert.equal(forChild.status, 201, JSON.stringify(forChild.body));
    past = forChild.body;
    // Every email their two bookings cause arrives before the deletion, so none of them is taken for one
    // sent after it; both PDFs are made (and their PDF_GENERATED recorded) before one is moved into the past.
    const arrived = async (subject: RegExp) => (await mailsTo(leaving.email)).filter((mail) => subject.test(mail.Subject)).length === 2;
    await eventually('both booking emails delivered', () => arrived(/^Programare înregistrată/));
    await eventually('the second PDF made', async () => (await appointment(past.id as string)).pdf_object_key !== null);
    // Time cannot be fast-forwarded for the services: this one is moved into the past and completed.
    await withAppointmentsDb((db) =>
      db.query(
        `UPDATE appointments SET status = 'COMPLETED', start_time = now() - interval '3 hours', end_time = now() - interval '150 minutes'
         WHERE id = $1`,
        [past.id],
      ),
    );
    // The leaving patient waits first for the day of the freed time, the waiter after them.
    const day = freed.start.slice(0, 10);
    assert.equal((await joinWaitlist(leaving, doctor.doctor.id, day, day)).status, 201);
    assert.equal((await joinWaitlist(waiter, doctor.doctor.id, day, day)).status, 201);
  });

  it('cancels the appointments ahead (the doctor told), frees the waitlist, purges notifications and PDFs, anonymises the rest', async () => {
    const sentBefore = new Set((await mailsTo(leaving.email)).map((mail) => mail.ID));
    const deleted = await http(gateway('/users/me'), { method: 'DELETE', token: leaving.token });
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));

    // The appointment ahead is cancelled, and its doctor is told why.
    await eventually('the appointment ahead cancelled', async () => (await appointment(ahead.id as string)).status === 'CANCELLED');
    await eventually('the doctor’s cancellation email', async () => {
      const mails = (await mailsTo(doctor.user.email)).filter((mail) => /^Programare anulată/.test(mail.Subject));
      const read = await Promise.all(mails.map((mail) => readMail(mail.ID)));
      return read.some((mail) => /Motivul: contul pacientului a fost șters/.test(mail.Text));
    });

    // The emailed PDF link stops working: no PDF behind it any more.
    await eventually('the PDF link refused', async () => [404, 410].includes((await fetch(pdfLink)).status));

    // The notifications sent to them keep no message and no address.
    const admin = await adminToken();
    await eventually('the notifications purged', async () => {
      const listed = await http(gateway(`/notifications/user/${leaving.id}?limit=100`), { token: admin });
      const items = listed.body.items as Json[];
      return items.length > 0 && items.every((n) => n.body === '' && n.subject === '' && n.recipient_email !== leaving.email);
    });

    // What the clinic keeps names them no more.
    await eventually('the past appointment anonymised', async () => {
      const kept = await appointment(past.id as string);
      return kept.status === 'COMPLETED' && kept.patient_name !== 'Test leaving-for-good' && kept.patient_email !== leaving.email;
    });
    const kept = await appointment(past.id as string);
    assert.equal(kept.family_member_id, child.id, 'still the child’s appointment');
    assert.notEqual(kept.family_member_name, 'Copil Plecat');
    assert.equal(kept.reason, null);
    // Their family members went with the account.
    const member = await http(`${testStack().services['user-service']}/internal/users/${leaving.id}/family-members/${child.id}`, {
      token: await serviceToken(),
    });
    assert.equal(member.status, 404);
    const events = await withAppointmentsDb(
      async (db) =>
        (
          await db.query(`SELECT payload::text AS text FROM appointment_events WHERE appointment_id = ANY($1::uuid[])`, [
            [ahead.id, past.id],
          ])
        ).rows,
    );
    for (const { text } of events) {
      for (const forgotten of [leaving.email, 'Test leaving-for-good', 'Copil Plecat', 'Febră']) assert.ok(!text.includes(forgotten), text);
    }

    // Off the waitlist: a time freed on their day goes to the next waiter, never to them.
    const waitlist = await http(gateway(`/waitlist?doctor_id=${doctor.doctor.id}`), { token: admin });
    assert.deepEqual(
      (waitlist.body.items as Json[]).map((e) => e.patient_id),
      [waiter.id],
    );
    const freeing = await bookThroughGateway(booker, doctor.doctor.id, freed);
    assert.equal((await http(gateway(`/appointments/${freeing.id}/cancel`), { method: 'PUT', token: booker.token })).status, 200);
    await eventually('the freed time held for the waiter', async () => {
      const holds = await withAppointmentsDb(
        async (db) =>
          (await db.query(`SELECT patient_id FROM slot_holds WHERE doctor_id = $1 AND start_time = $2`, [doctor.doctor.id, freed.start]))
            .rows,
      );
      return holds.length > 0 ? holds : undefined;
    }).then((holds) => assert.deepEqual(holds, [{ patient_id: waiter.id }]));
    assert.deepEqual(
      (await mailsTo(leaving.email)).filter((mail) => !sentBefore.has(mail.ID)).map((mail) => mail.Subject),
      [],
      'nothing more was sent to them',
    );
  });

  it('is the patient’s own: staff accounts are deleted by an admin', async () => {
    const answer = await http(gateway('/users/me'), { method: 'DELETE', token: doctor.user.token });
    assert.equal(answer.status, 403);
  });

  it('needs a token', async () => {
    assert.equal((await http(gateway('/users/me'), { method: 'DELETE', headers: { 'x-request-id': randomUUID() } })).status, 401);
  });
});

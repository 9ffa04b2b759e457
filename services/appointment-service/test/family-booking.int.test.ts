import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import { freeSlots, withAppointmentsDb, type Slot } from '../../../tests/support/booking.ts';
import { ALL_WEEK, createDoctor, type CreatedDoctor } from '../../../tests/support/clinic.ts';
import { http, type Json } from '../../../tests/support/http.ts';
import { adminToken, registerPatient, type TestUser } from '../../../tests/support/identity.ts';
import { mailsTo, readMail, waitForMails } from '../../../tests/support/mail.ts';
import { gateway } from '../../../tests/support/notifications.ts';
import { pdfText } from '../../../tests/support/pdf.ts';

const REASON = 'Tuse uscată de zece zile, mai ales noaptea';

const addMember = async (patient: TestUser, fullName: string): Promise<Json> => {
  const answer = await http(gateway('/users/me/family-members'), {
    method: 'POST',
    token: patient.token,
    body: { full_name: fullName, birth_date: '2019-04-01', relation: 'child' },
  });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
};

const book = (token: string, doctorId: string, slot: Slot, extra: Record<string, unknown> = {}) =>
  http(gateway('/appointments'), {
    method: 'POST',
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end, ...extra },
  });

/** The appointment's PDF once made, as text. */
async function pdfOf(appointmentId: string, token: string): Promise<string> {
  for (const deadline = Date.now() + 20_000; ; await sleep(250)) {
    const link = await http(gateway(`/appointments/${appointmentId}/pdf`), { token });
    if (link.status === 200) return pdfText(Buffer.from(await (await fetch(link.body.url)).arrayBuffer()));
    assert.ok(Date.now() < deadline, `the PDF is made in time: ${JSON.stringify(link.body)}`);
  }
}

describe('booking for a family member, with a reason for the visit', () => {
  let doctor: CreatedDoctor;
  let second: CreatedDoctor;
  let parent: TestUser;
  let stranger: TestUser;
  let ana: Json;
  let matei: Json;
  let slots: Slot[];

  before(async () => {
    [doctor, second, parent, stranger] = await Promise.all([
      createDoctor({ schedule: ALL_WEEK }),
      createDoctor({ schedule: ALL_WEEK }),
      registerPatient('family-booker'),
      registerPatient('family-foreign'),
    ]);
    [ana, matei] = [await addMember(parent, 'Ana Țăranu'), await addMember(parent, 'Matei Țăranu')];
    slots = await freeSlots(doctor.doctor.id, 6);
  });

  it('makes the appointment the family member’s: who it is for, the reason trimmed, seen by the patient and the doctor', async () => {
    const booked = await book(parent.token, doctor.doctor.id, slots[0]!, { family_member_id: ana.id, reason: `  ${REASON}  ` });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.equal(booked.body.patient_id, parent.id, 'booked on the parent’s account');
    assert.equal(booked.body.family_member_id, ana.id);
    assert.equal(booked.body.family_member_name, 'Ana Țăranu');
    assert.equal(booked.body.reason, REASON);

    const mine = await http(gateway('/appointments/my'), { token: parent.token });
    const listed = mine.body.find((a: Json) => a.id === booked.body.id);
    assert.deepEqual([listed.family_member_name, listed.reason], ['Ana Țăranu', REASON]);
    const agenda = await http(gateway(`/appointments/${booked.body.id}`), { token: doctor.user.token });
    assert.equal(agenda.status, 200);
    assert.deepEqual([agenda.body.family_member_name, agenda.body.reason], ['Ana Țăranu', REASON]);

    // The account holder gets the emails (one for the booking: its PDF link is in it); none of them holds
    // the reason. The PDF names the child, not the reason.
    const [created] = await waitForMails(parent.email, [/^Programare înregistrată/]);
    assert.ok(!created!.Text.includes('Tuse') && !created!.HTML.includes('Tuse'), created!.Text);
    const text = await pdfOf(booked.body.id, parent.token);
    assert.match(text, /Pentru\s+Ana Țăranu/);
    assert.ok(!text.includes('Tuse'), text);
    for (const summary of await mailsTo(parent.email)) {
      const mail = await readMail(summary.ID);
      assert.ok(!mail.Text.includes('Tuse') && !mail.HTML.includes('Tuse'), `${mail.Subject}: ${mail.Text}`);
    }
  });

  it('guards the person the appointment is for: two children at once is fine, one child in two places is not', async () => {
    const theirSlot = slots[1]!;
    const forMatei = await book(parent.token, doctor.doctor.id, theirSlot, { family_member_id: matei.id });
    assert.equal(forMatei.status, 201, JSON.stringify(forMatei.body));
    // The same time with another doctor, for the other child and for the parent themselves.
    const forAna = await book(parent.token, second.doctor.id, theirSlot, { family_member_id: ana.id });
    assert.equal(forAna.status, 201, JSON.stringify(forAna.body));
    const third = await createDoctor({ schedule: ALL_WEEK });
    const forSelf = await book(parent.token, third.doctor.id, theirSlot);
    assert.equal(forSelf.status, 201, JSON.stringify(forSelf.body));
    // Matei a second time at that time, with the third doctor: refused, and not by the doctor's calendar.
    const fourth = await createDoctor({ schedule: ALL_WEEK });
    const twice = await book(parent.token, fourth.doctor.id, theirSlot, { family_member_id: matei.id });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, 'PATIENT_BUSY');
    // The database's own guard, whatever the application does.
    const refused = await withAppointmentsDb(async (db) => {
      const row = (await db.query('SELECT * FROM appointments WHERE id = $1', [forMatei.body.id])).rows[0];
      return db
        .query(
          `INSERT INTO appointments (patient_id, doctor_id, doctor_user_id, cabinet_id, start_time, end_time, patient_name, patient_email,
             doctor_name, doctor_email, specialization_name, cabinet_name, cabinet_location, cabinet_floor, booked_by,
             family_member_id, family_member_name)
           SELECT $2, gen_random_uuid(), doctor_user_id, cabinet_id, start_time, end_time, patient_name, patient_email, doctor_name,
             doctor_email, specialization_name, cabinet_name, cabinet_location, cabinet_floor, booked_by, family_member_id, family_member_name
           FROM appointments WHERE id = $1`,
          [row.id, randomUUID()],
        )
        .then(
          () => 'inserted',
          (error: { constraint?: string }) => error.constraint,
        );
    });
    assert.equal(refused, 'appointments_patient_no_overlap');
  });

  it('refuses another account’s family member, a removed one, and an overlong reason, booking nothing', async () => {
    const foreign = await book(stranger.token, doctor.doctor.id, slots[2]!, { family_member_id: ana.id });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.code, 'FAMILY_MEMBER_NOT_FOUND');
    const gone = await addMember(parent, 'Plecat Țăranu');
    assert.equal((await http(gateway(`/users/me/family-members/${gone.id}`), { method: 'DELETE', token: parent.token })).status, 204);
    const removed = await book(parent.token, doctor.doctor.id, slots[2]!, { family_member_id: gone.id });
    assert.equal(removed.status, 404);
    assert.equal(removed.body.error.code, 'FAMILY_MEMBER_NOT_FOUND');
    const long = await book(parent.token, doctor.doctor.id, slots[2]!, { reason: 'x'.repeat(501) });
    assert.equal(long.status, 400);
    const blank = await book(parent.token, doctor.doctor.id, slots[2]!, { reason: '   ' });
    assert.equal(blank.status, 400);
    const written = await withAppointmentsDb(
      async (db) =>
        (
          await db.query('SELECT count(*)::int AS n FROM appointments WHERE doctor_id = $1 AND start_time = $2', [
            doctor.doctor.id,
            slots[2]!.start,
          ])
        ).rows[0].n,
    );
    assert.equal(written, 0);
  });

  it('lets the front desk book for a patient’s family member, and staff see who it is for', async () => {
    const admin = await adminToken();
    const family = await http(gateway(`/users/${parent.id}/family-members`), { token: admin });
    const member = family.body.items.find((m: Json) => m.full_name === 'Matei Țăranu');
    const booked = await book(admin, doctor.doctor.id, slots[3]!, {
      patient_id: parent.id,
      family_member_id: member.id,
      reason: 'Control',
    });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.deepEqual([booked.body.patient_id, booked.body.family_member_name, booked.body.reason], [parent.id, 'Matei Țăranu', 'Control']);
    const foreign = await book(admin, doctor.doctor.id, slots[4]!, { patient_id: stranger.id, family_member_id: member.id });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.code, 'FAMILY_MEMBER_NOT_FOUND');
    const listed = await http(gateway(`/appointments?doctor_id=${doctor.doctor.id}&limit=100`), { token: admin });
    const seen = listed.body.items.find((a: Json) => a.id === booked.body.id);
    assert.equal(seen.family_member_name, 'Matei Țăranu');
  });
});

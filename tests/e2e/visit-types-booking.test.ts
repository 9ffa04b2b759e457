import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { withAppointmentsDb } from '../support/booking.ts';
import { signedLinkToken } from '../support/email-links.ts';
import { clinicDate, createDoctor, doctorService } from '../support/clinic.ts';
import { http, type HttpAnswer, type Json } from '../support/http.ts';
import { adminToken, createPatients, registerPatient, type TestUser } from '../support/identity.ts';
import { testStack } from '../support/stack.ts';

const api = (path: string) => `${testStack().gatewayUrl}/api${path}`;
const countBy = (answers: HttpAnswer[]) =>
  answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});

/** Clinic wall-clock time of a date as an instant with Bucharest's offset of that date. */
function clinicTime(date: string, time: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Bucharest', timeZoneName: 'longOffset' })
    .formatToParts(guess)
    .find((part) => part.type === 'timeZoneName')!
    .value.replace('GMT', '');
  return `${date}T${time}:00${offset || '+00:00'}`;
}

const book = (token: string, body: Record<string, unknown>) =>
  http(api('/appointments'), { method: 'POST', token, headers: { 'idempotency-key': randomUUID() }, body });

/** Pairs of active appointments of the doctor that overlap: what must never exist. */
async function overlappingPairs(doctorId: string): Promise<number> {
  const { rows } = await withAppointmentsDb((db) =>
    db.query<{ n: string }>(
      `SELECT count(*) AS n FROM appointments a JOIN appointments b ON a.doctor_id = b.doctor_id AND a.id < b.id
        AND tstzrange(a.start_time, a.end_time) && tstzrange(b.start_time, b.end_time)
       WHERE a.doctor_id = $1 AND a.status IN ('PENDING', 'CONFIRMED') AND b.status IN ('PENDING', 'CONFIRMED')`,
      [doctorId],
    ),
  );
  return Number(rows[0]!.n);
}

describe('booking with a visit type, through the gateway', () => {
  let admin: string;
  let doctorId: string;
  let consultation: Json;
  let control: Json;
  let deskOnly: Json;
  let patients: TestUser[];

  before(async () => {
    admin = await adminToken();
    ({
      doctor: { id: doctorId },
    } = await createDoctor({ label: 'visit-types' }));
    const add = async (body: Record<string, unknown>) => {
      const answer = await http(doctorService(`/doctors/${doctorId}/visit-types`), { method: 'POST', token: admin, body });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body;
    };
    consultation = await add({ name_ro: 'Consultație inițială', name_en: 'First consultation', duration_minutes: 60 });
    control = await add({ name_ro: 'Control', name_en: 'Follow-up', duration_minutes: 20 });
    deskOnly = await add({ name_ro: 'Procedură', name_en: 'Procedure', duration_minutes: 90, online_bookable: false });
    patients = await createPatients(90, 'visit-types');
  });

  it('books a 60-minute visit from its start alone, keeping the type’s names, and takes it out of the free times', async () => {
    const date = clinicDate(2);
    const start = clinicTime(date, '09:00');
    const booked = await book(patients[0]!.token, { doctor_id: doctorId, start_time: start, visit_type_id: consultation.id });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.equal(Date.parse(booked.body.end_time) - Date.parse(booked.body.start_time), 60 * 60_000);
    assert.deepEqual(
      [booked.body.visit_type_id, booked.body.visit_type_name_ro, booked.body.visit_type_name_en],
      [consultation.id, 'Consultație inițială', 'First consultation'],
    );
    const mine = await http(api(`/appointments/${booked.body.id}`), { token: patients[0]!.token });
    assert.equal(mine.body.visit_type_name_en, 'First consultation');

    const free = await http(api(`/doctors/${doctorId}/available-slots?date=${date}&visit_type_id=${control.id}`));
    const starts = (free.body.slots as Array<{ start: string }>).map((slot) => slot.start.slice(11, 16));
    assert.ok(!starts.includes('09:00') && !starts.includes('09:30'), starts.join(' '));
    assert.ok(starts.includes('08:30') && starts.includes('10:00'), starts.join(' '));
  });

  it('refuses an end that does not match, a start off the grid, and a type the doctor does not offer', async () => {
    const date = clinicDate(3);
    const token = patients[1]!.token;
    const mismatch = await book(token, {
      doctor_id: doctorId,
      start_time: clinicTime(date, '10:00'),
      end_time: clinicTime(date, '10:30'),
      visit_type_id: consultation.id,
    });
    assert.deepEqual([mismatch.status, mismatch.body.error.code], [400, 'END_TIME_MISMATCH']);
    const offGrid = await book(token, { doctor_id: doctorId, start_time: clinicTime(date, '10:10'), visit_type_id: control.id });
    assert.deepEqual([offGrid.status, offGrid.body.error.code], [400, 'MISALIGNED']);
    const pastClosing = await book(token, { doctor_id: doctorId, start_time: clinicTime(date, '19:30'), visit_type_id: consultation.id });
    assert.deepEqual([pastClosing.status, pastClosing.body.error.code], [400, 'OUTSIDE_SCHEDULE']);
    const unknown = await book(token, { doctor_id: doctorId, start_time: clinicTime(date, '10:00'), visit_type_id: randomUUID() });
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'VISIT_TYPE_NOT_FOUND']);
    const noEnd = await book(token, { doctor_id: doctorId, start_time: clinicTime(date, '10:00') });
    assert.deepEqual([noEnd.status, noEnd.body.error.code], [400, 'VALIDATION_FAILED']);
    const rows = await withAppointmentsDb((db) => db.query('SELECT 1 FROM appointments WHERE patient_id = $1', [patients[1]!.id]));
    assert.equal(rows.rowCount, 0, 'nothing was booked');
  });

  it('lets only the front desk book a type not offered online', async () => {
    const date = clinicDate(4);
    const body = { doctor_id: doctorId, start_time: clinicTime(date, '12:00'), visit_type_id: deskOnly.id };
    // Registered through user-service: the front desk books for a patient it knows.
    const patient = await registerPatient('desk-visit');
    const byPatient = await book(patient.token, body);
    assert.deepEqual([byPatient.status, byPatient.body.error.code], [403, 'VISIT_TYPE_NOT_ONLINE']);
    const byDesk = await book(admin, { ...body, patient_id: patient.id });
    assert.equal(byDesk.status, 201, JSON.stringify(byDesk.body));
    assert.equal(Date.parse(byDesk.body.end_time) - Date.parse(byDesk.body.start_time), 90 * 60_000);
  });

  it('keeps a visit type’s length when the appointment is moved', async () => {
    const date = clinicDate(5);
    const token = patients[3]!.token;
    const booked = await book(token, { doctor_id: doctorId, start_time: clinicTime(date, '14:00'), visit_type_id: consultation.id });
    assert.equal(booked.status, 201);
    const move = (start: string, end: string) =>
      http(api(`/appointments/${booked.body.id}`), {
        method: 'PUT',
        token,
        headers: { 'idempotency-key': randomUUID() },
        body: { start_time: clinicTime(date, start), end_time: clinicTime(date, end) },
      });
    const shorter = await move('16:00', '16:30');
    assert.deepEqual([shorter.status, shorter.body.error?.code], [400, 'MISALIGNED']);
    const moved = await move('16:30', '17:30');
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.visit_type_name_en, 'First consultation');
  });

  it('books exactly one of a 60-minute and a 20-minute visit racing for overlapping times, round after round', async () => {
    // 24 rounds at once, each on its own 90-minute stretch: a 60-minute visit from S and a 20-minute
    // visit from S+30 (another patient) want the same half hour; exactly one of them may be booked.
    const starts = ['08:00', '09:30', '11:00', '12:30', '14:00', '15:30', '17:00', '18:30'];
    const rounds = [6, 7, 8].flatMap((day) => starts.map((time) => ({ date: clinicDate(day), time })));
    const answers = await Promise.all(
      rounds.map(async ({ date, time }, i) => {
        const start = clinicTime(date, time);
        const later = new Date(Date.parse(start) + 30 * 60_000).toISOString();
        const [long, short] = await Promise.all([
          book(patients[10 + 2 * i]!.token, { doctor_id: doctorId, start_time: start, visit_type_id: consultation.id }),
          book(patients[11 + 2 * i]!.token, { doctor_id: doctorId, start_time: later, visit_type_id: control.id }),
        ]);
        return { long, short };
      }),
    );
    for (const [i, { long, short }] of answers.entries()) {
      assert.deepEqual(countBy([long, short]), { 201: 1, 409: 1 }, `round ${i}: ${long.status} / ${short.status}`);
      assert.equal((long.status === 409 ? long : short).body.error.code, 'SLOT_TAKEN');
    }
    assert.equal(await overlappingPairs(doctorId), 0, 'no two active appointments of the doctor overlap');
  });

  it('books one visit in a stretch 30 patients want with 60- and 20-minute visits at overlapping times', async () => {
    const date = clinicDate(9);
    const wanted = ['10:00', '10:00', '10:30'];
    const answers = await Promise.all(
      patients.slice(60, 90).map((patient, i) =>
        book(patient.token, {
          doctor_id: doctorId,
          start_time: clinicTime(date, wanted[i % 2 === 0 ? 0 : 1 + ((i >> 1) % 2)]!),
          visit_type_id: i % 2 === 0 ? consultation.id : control.id,
        }),
      ),
    );
    const created = answers.filter((a) => a.status === 201);
    // The 60-minute visit at 10:00 overlaps every other request; the 20-minute ones at 10:00 and 10:30
    // do not overlap each other, so either the long visit wins alone or one short one at each time.
    const shape = created.map((a) => Math.round((Date.parse(a.body.end_time) - Date.parse(a.body.start_time)) / 60_000)).sort();
    assert.ok(JSON.stringify(shape) === '[60]' || JSON.stringify(shape) === '[20,20]', JSON.stringify(shape));
    assert.ok(
      answers.every((a) => a.status === 201 || (a.status === 409 && a.body.error.code === 'SLOT_TAKEN')),
      JSON.stringify(countBy(answers)),
    );
    assert.equal(await overlappingPairs(doctorId), 0, 'no two active appointments of the doctor overlap');
  });

  it('shows the visit type behind an emailed link, which moves the visit only to a time of its own length', async () => {
    const date = clinicDate(10);
    const patient = patients[5]!;
    const booked = await book(patient.token, {
      doctor_id: doctorId,
      start_time: clinicTime(date, '09:00'),
      visit_type_id: consultation.id,
    });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    const token = signedLinkToken({ id: booked.body.id, patient_id: patient.id });
    const view = await http(api(`/appointments/links/${token}`));
    assert.equal(view.status, 200, JSON.stringify(view.body));
    assert.deepEqual(
      [view.body.appointment.visit_type_id, view.body.appointment.visit_type_name_en],
      [consultation.id, 'First consultation'],
    );
    const move = (start: string, end: string) =>
      http(api(`/appointments/links/${token}/reschedule`), {
        method: 'POST',
        headers: { 'idempotency-key': randomUUID() },
        body: { start_time: clinicTime(date, start), end_time: clinicTime(date, end) },
      });
    const shorter = await move('11:00', '11:30');
    assert.deepEqual([shorter.status, shorter.body.error?.code], [400, 'MISALIGNED']);
    const moved = await move('11:30', '12:30');
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.visit_type_name_ro, 'Consultație inițială');
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import { connectBroker, EVENTS_EXCHANGE } from '@clinic/messaging';
import { freeSlots, withAppointmentsDb, type Slot } from '../../../tests/support/booking.ts';
import { ALL_WEEK, CLINIC_TIME_ZONE, createCabinet, createDoctor, createSpecialization } from '../../../tests/support/clinic.ts';
import { http, type Json } from '../../../tests/support/http.ts';
import { registerPatient, type TestUser } from '../../../tests/support/identity.ts';
import { pdfText } from '../../../tests/support/pdf.ts';
import { eventually, withNotificationsDb } from '../../../tests/support/notifications.ts';
import { testStack } from '../../../tests/support/stack.ts';

const api = (path: string) => `${testStack().services['appointment-service-1']}${path}`;

/** The link to an appointment's PDF, once generated: PDF_NOT_READY is the only other answer allowed. */
async function pdfLink(appointmentId: string, token: string): Promise<{ url: string; expires_at: string }> {
  for (const deadline = Date.now() + 10_000; ; await sleep(200)) {
    const answer = await http(api(`/appointments/${appointmentId}/pdf`), { token });
    if (answer.status === 200) return answer.body;
    assert.equal(answer.status, 404, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, 'PDF_NOT_READY');
    assert.ok(Date.now() < deadline, 'the PDF is generated within 10 s');
  }
}

async function downloadPdf(url: string) {
  // Through the gateway's public origin: MinIO is never handed to a user.
  assert.ok(url.startsWith(`${testStack().gatewayUrl}/api/appointments/`), url);
  const response = await fetch(url);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  return Buffer.from(await response.arrayBuffer());
}

/** "08:00–08:30" in the clinic's zone, as the PDF shows a slot. */
const clinicTimes = (slot: Slot) => {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: CLINIC_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${time.format(new Date(slot.start))}–${time.format(new Date(slot.end))}`;
};

const pdfEvents = (appointmentId: string) =>
  withAppointmentsDb(async (db) =>
    Number(
      (await db.query(`SELECT count(*) AS n FROM appointment_events WHERE appointment_id = $1 AND type = 'PDF_GENERATED'`, [appointmentId]))
        .rows[0].n,
    ),
  );

describe('appointment PDFs in MinIO', () => {
  let doctorUser: TestUser;
  let patient: TestUser;
  let stranger: TestUser;
  let slots: Slot[];
  let booked: Record<string, Json>;

  before(async () => {
    const created = await createDoctor({ schedule: ALL_WEEK });
    doctorUser = created.user;
    [patient, stranger] = await Promise.all([registerPatient('pdf-owner'), registerPatient('pdf-stranger')]);
    slots = await freeSlots(created.doctor.id, 2);
    const answer = await http(api('/appointments'), {
      method: 'POST',
      token: patient.token,
      body: { doctor_id: created.doctor.id, start_time: slots[0]!.start, end_time: slots[0]!.end },
    });
    assert.equal(answer.status, 201);
    booked = answer.body;
  });

  it('generates the PDF of a booked appointment, with a PDF_GENERATED event, behind an expiring link', async () => {
    const link = await pdfLink(booked.id, patient.token);
    const expiresIn = new Date(link.expires_at).getTime() - Date.now();
    assert.ok(expiresIn > 850_000 && expiresIn <= 900_000, `the link expires in 15 minutes, not ${expiresIn} ms`);
    const pdf = await downloadPdf(link.url);
    assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
    const text = pdfText(pdf);
    for (const field of ['patient_name', 'doctor_name', 'specialization_name', 'cabinet_name', 'cabinet_location']) {
      assert.ok(text.includes(booked[field]), `the PDF shows the ${field} ${booked[field]}`);
    }
    assert.ok(text.includes(clinicTimes(slots[0]!)), 'the PDF shows the time in the clinic’s zone');
    assert.equal(await pdfEvents(booked.id), 1);
  });

  it('gives the link to the appointment’s doctor, answers 404 to another patient and 401 without a token', async () => {
    assert.equal((await http(api(`/appointments/${booked.id}/pdf`), { token: doctorUser.token })).status, 200);
    const foreign = await http(api(`/appointments/${booked.id}/pdf`), { token: stranger.token });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.code, 'NOT_FOUND');
    assert.equal((await http(api(`/appointments/${booked.id}/pdf`))).status, 401);
  });

  it('refuses a link whose signature or expiry was tampered with (403)', async () => {
    const url = new URL((await pdfLink(booked.id, patient.token)).url);
    const signature = url.searchParams.get('signature')!;
    const altered = new URL(url);
    altered.searchParams.set('signature', `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`);
    assert.equal((await fetch(altered)).status, 403);
    const extended = new URL(url);
    extended.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 86_400));
    assert.equal((await fetch(extended)).status, 403);
  });

  it('handles a redelivered event once: no second PDF_GENERATED', async () => {
    const { rows } = await withAppointmentsDb((db) =>
      db.query(`SELECT payload FROM appointment_events WHERE appointment_id = $1 AND type = 'CREATED'`, [booked.id]),
    );
    const broker = connectBroker(testStack().amqpUrl, { info: () => {}, warn: () => {}, error: () => {} }, 'pdf-test');
    try {
      const created = rows[0].payload;
      await broker.publisher.send(
        { exchange: EVENTS_EXCHANGE, routingKey: 'appointment.created', durable: true, messageId: created.id },
        created,
      );
    } finally {
      await broker.close();
    }
    await sleep(2_000);
    assert.equal(await pdfEvents(booked.id), 1);
  });

  it('makes the PDF again after the doctor reschedules, showing the new time', async () => {
    const moved = await http(api(`/appointments/${booked.id}`), {
      method: 'PUT',
      token: doctorUser.token,
      body: { start_time: slots[1]!.start, end_time: slots[1]!.end },
    });
    assert.equal(moved.status, 200);
    let text = '';
    for (const deadline = Date.now() + 10_000; !text.includes(clinicTimes(slots[1]!)) && Date.now() < deadline; await sleep(200)) {
      text = pdfText(await downloadPdf((await pdfLink(booked.id, patient.token)).url));
    }
    assert.ok(text.includes(clinicTimes(slots[1]!)), 'the PDF shows the new time');
    assert.ok(!text.includes(clinicTimes(slots[0]!)), 'and not the old one');
    assert.equal(await pdfEvents(booked.id), 2);
  });
});

describe('PDFs follow the appointment’s end', () => {
  it('makes the PDF again after a cancellation, saying so in large letters; the PDF email goes out for the active one only', async () => {
    const created = await createDoctor({ schedule: ALL_WEEK });
    // English-speaking: this test reads the English notice (the Romanian one is read below).
    const patient = await registerPatient('pdf-cancelled', undefined, { language: 'en' });
    const [slot] = await freeSlots(created.doctor.id, 1);
    const booked = await http(api('/appointments'), {
      method: 'POST',
      token: patient.token,
      body: { doctor_id: created.doctor.id, start_time: slot!.start, end_time: slot!.end },
    });
    assert.equal(booked.status, 201);
    const id = booked.body.id as string;
    await pdfLink(id, patient.token);
    for (const deadline = Date.now() + 10_000; (await pdfEvents(id)) < 1 && Date.now() < deadline;) await sleep(200);

    assert.equal((await http(api(`/appointments/${id}/cancel`), { method: 'PUT', token: patient.token })).status, 200);
    let text = '';
    for (
      const deadline = Date.now() + 15_000;
      !text.includes('CANCELLED: this appointment no longer takes place.') && Date.now() < deadline;
    ) {
      await sleep(200);
      text = pdfText(await downloadPdf((await pdfLink(id, patient.token)).url));
    }
    assert.ok(text.includes('Appointment cancelled'), text);
    assert.ok(text.includes('CANCELLED: this appointment no longer takes place.'), text);
    assert.ok(text.includes(clinicTimes(slot!)), 'the details stay');
    assert.equal(await pdfEvents(id), 2);

    // notification-service has handled both PDF_GENERATED events; only the first (an active appointment) was emailed.
    const { pdfRows } = await eventually('both PDF_GENERATED events are handled by notification-service', async () => {
      const rows = await withNotificationsDb(
        async (db) =>
          (await db.query(`SELECT count(*)::int AS n FROM notifications WHERE appointment_id = $1 AND type = 'PDF_GENERATED'`, [id]))
            .rows[0].n,
      );
      const processed = await withAppointmentsDb(
        async (db) =>
          (
            await db.query(
              `SELECT bool_and(is_processed) AS done FROM appointment_events WHERE appointment_id = $1 AND type = 'PDF_GENERATED'`,
              [id],
            )
          ).rows[0].done,
      );
      return processed ? { pdfRows: rows as number } : undefined;
    });
    assert.equal(pdfRows, 1);
  });
});

describe('PDFs in the patient’s language, diacritics intact', () => {
  const suffix = randomUUID().slice(0, 6);
  let doctorId: string;
  let slots: Slot[];
  const cabinet = { name: `Cabinetul Sănătății ${suffix}`, location: 'Aripa de sud, lângă farmacie', floor: 1 };
  const specialization = `Neurologie pediatrică ${suffix}`;

  before(async () => {
    const [createdSpecialization, createdCabinet] = await Promise.all([
      createSpecialization({ name: specialization }),
      createCabinet(cabinet),
    ]);
    const created = await createDoctor({
      schedule: ALL_WEEK,
      fullName: 'Ionuț Bălănescu',
      specializationId: createdSpecialization.id,
      cabinetId: createdCabinet.id,
    });
    doctorId = created.doctor.id;
    slots = await freeSlots(doctorId, 3);
  });

  let romanian: { patient: TestUser; id: string };

  /** Books the slot for a new patient of that name and language, and reads the PDF behind its link with pdftotext. */
  async function bookAndRead(fullName: string, language: 'ro' | 'en', slot: Slot) {
    const patient = await registerPatient(`pdf-${language}`, undefined, { full_name: fullName, language });
    const booked = await http(api('/appointments'), {
      method: 'POST',
      token: patient.token,
      body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
    });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    return { patient, booked: booked.body, text: pdfText(await downloadPdf((await pdfLink(booked.body.id, patient.token)).url)) };
  }

  it('makes a Romanian-speaking patient’s PDF in Romanian, with ă â î ș ț as written', async () => {
    const { patient, booked, text } = await bookAndRead('Ștefan Țăranu', 'ro', slots[0]!);
    romanian = { patient, id: booked.id };
    const title = booked.status === 'CONFIRMED' ? 'Confirmarea programării' : 'Detaliile programării';
    for (const expected of [
      // The clinic's letterhead (the devstack's defaults), then the title.
      `Clinica Strada Sănătății 1, București ${title}`,
      'Pacient Ștefan Țăranu',
      'Medic Ionuț Bălănescu',
      `Specializare ${specialization}`,
      `Data și ora`,
      clinicTimes(slots[0]!),
      `Cabinet ${cabinet.name}, ${cabinet.location}, etajul 1`,
      `Nr. programării ${booked.id}`,
    ]) {
      assert.ok(text.includes(expected), `the PDF shows “${expected}”: ${text}`);
    }
    assert.ok(!/Patient|Doctor|Date and time|Stefan|Taranu|Sanatatii/.test(text), text);
  });

  it('makes an English-speaking patient’s PDF in English, names with their diacritics all the same', async () => {
    const { booked, text } = await bookAndRead('Ana-Maria Bîrsan', 'en', slots[1]!);
    const title = booked.status === 'CONFIRMED' ? 'Appointment confirmation' : 'Appointment details';
    for (const expected of [
      `Clinica Strada Sănătății 1, București ${title}`,
      'Patient Ana-Maria Bîrsan',
      'Doctor Ionuț Bălănescu',
      `Specialization ${specialization}`,
      'Date and time',
      clinicTimes(slots[1]!),
      `Cabinet ${cabinet.name}, ${cabinet.location}, floor 1`,
      `Appointment id ${booked.id}`,
    ]) {
      assert.ok(text.includes(expected), `the PDF shows “${expected}”: ${text}`);
    }
    assert.ok(!/Pacient|Medic|Data și ora|etajul/.test(text), text);
  });

  it('makes the next PDF in the language the patient switched to', async () => {
    const { patient, id } = romanian;
    const switched = await http(`${testStack().services['user-service']}/users/me`, {
      method: 'PUT',
      token: patient.token,
      body: { language: 'en' },
    });
    assert.equal(switched.status, 200, JSON.stringify(switched.body));
    const moved = await http(api(`/appointments/${id}`), {
      method: 'PUT',
      token: patient.token,
      body: { start_time: slots[2]!.start, end_time: slots[2]!.end },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    let text = '';
    for (const deadline = Date.now() + 15_000; !text.includes(clinicTimes(slots[2]!)) && Date.now() < deadline; await sleep(200)) {
      text = pdfText(await downloadPdf((await pdfLink(id, patient.token)).url));
    }
    assert.ok(text.includes(clinicTimes(slots[2]!)), `the PDF was made again: ${text}`);
    assert.ok(text.includes('Patient Ștefan Țăranu') && text.includes('Date and time'), text);
    assert.ok(!text.includes('Pacient'), text);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Appointment } from '@clinic/contracts';
import { pdfText } from '../../../../tests/support/pdf.ts';
import { formatAppointmentTime, headingOf, renderAppointmentPdf } from './appointment-pdf.ts';

const appointment: Appointment = {
  id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  patient_id: '11111111-1111-4111-8111-111111111111',
  doctor_id: '22222222-2222-4222-8222-222222222222',
  doctor_user_id: '33333333-3333-4333-8333-333333333333',
  cabinet_id: '44444444-4444-4444-8444-444444444444',
  // The Monday after Romania moved to summer time (29 March 2026): 06:00 UTC is 09:00 there.
  start_time: '2026-03-30T06:00:00.000Z',
  end_time: '2026-03-30T06:30:00.000Z',
  status: 'CONFIRMED',
  patient_name: 'Maria Ionescu',
  patient_email: 'maria@example.test',
  doctor_name: 'Andrei Popescu',
  doctor_email: 'andrei@example.test',
  specialization_name: 'Cardiology',
  cabinet_name: 'Cabinet 3',
  cabinet_location: 'East wing',
  cabinet_floor: 2,
  pdf_object_key: null,
  created_at: '2026-03-01T10:00:00.000Z',
  updated_at: '2026-03-01T10:00:00.000Z',
};

describe('the appointment PDF', () => {
  it('is a PDF with the patient, the doctor, the specialization, the cabinet and the id', async () => {
    const pdf = await renderAppointmentPdf(appointment, 'Europe/Bucharest');
    assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
    const text = pdfText(pdf);
    for (const expected of [
      'Appointment confirmation',
      'CONFIRMED',
      'Maria Ionescu',
      'Andrei Popescu',
      'Cardiology',
      'Cabinet 3, East wing, floor 2',
      appointment.id,
    ]) {
      assert.ok(text.includes(expected), `shows ${expected}`);
    }
  });

  it('shows the clinic’s local time on the day after the change to summer time', async () => {
    const text = pdfText(await renderAppointmentPdf(appointment, 'Europe/Bucharest'));
    assert.ok(text.includes('Monday 30 March 2026, 09:00–09:30 (Europe/Bucharest)'), text);
  });

  it('shows winter time in winter, and another zone when configured', () => {
    assert.equal(
      formatAppointmentTime('2026-11-30T06:00:00Z', '2026-11-30T06:30:00Z', 'Europe/Bucharest'),
      'Monday 30 November 2026, 08:00–08:30 (Europe/Bucharest)',
    );
    assert.equal(
      formatAppointmentTime('2026-11-30T06:00:00Z', '2026-11-30T06:30:00Z', 'America/New_York'),
      'Monday 30 November 2026, 01:00–01:30 (America/New_York)',
    );
  });

  it('titles a pending appointment as details, and keeps Romanian names readable', async () => {
    const text = pdfText(
      await renderAppointmentPdf({ ...appointment, status: 'PENDING', patient_name: 'Ștefan Țăranu' }, 'Europe/Bucharest'),
    );
    assert.ok(text.includes('Appointment details'));
    assert.ok(text.includes('Stefan Taranu'), text);
  });

  it('says in large letters when the appointment no longer takes place, so a saved copy cannot pass for a valid one', async () => {
    for (const [status, title, notice] of [
      ['CANCELLED', 'Appointment cancelled', 'CANCELLED: this appointment no longer takes place.'],
      ['EXPIRED', 'Appointment request expired', 'EXPIRED: the clinic never confirmed this request.'],
      ['NO_SHOW', 'Appointment missed', 'NO-SHOW: the patient did not come.'],
    ] as const) {
      assert.deepEqual(headingOf(status), { title, notice });
      const text = pdfText(await renderAppointmentPdf({ ...appointment, status }, 'Europe/Bucharest'));
      assert.ok(text.includes(title), `${status}: ${text}`);
      assert.ok(text.includes(notice), `${status}: ${text}`);
      assert.ok(text.includes('Maria Ionescu'), 'the details stay');
    }
    assert.equal(headingOf('CONFIRMED').notice, undefined);
    assert.equal(headingOf('PENDING').notice, undefined);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { pdfText } from '../../../../tests/support/pdf.ts';
import { formatAppointmentTime, headingOf, renderAppointmentPdf, type PdfOptions } from './appointment-pdf.ts';
import { appointment } from './fixtures.ts';

const clinic = { name: 'Clinica Demo', address: 'Strada Sănătății 1, București' };
/** The existing assertions are the English PDF's. */
const english: PdfOptions = { timeZone: 'Europe/Bucharest', language: 'en', clinic };

describe('the appointment PDF', () => {
  it('is a PDF with the patient, the doctor, the specialization, the cabinet and the id', async () => {
    const pdf = await renderAppointmentPdf(appointment, english);
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
    const text = pdfText(await renderAppointmentPdf(appointment, english));
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

  it('titles a pending appointment as details, and prints Romanian names with their diacritics', async () => {
    const text = pdfText(await renderAppointmentPdf({ ...appointment, status: 'PENDING', patient_name: 'Ștefan Țăranu' }, english));
    assert.ok(text.includes('Appointment details'));
    assert.ok(text.includes('Ștefan Țăranu'), text);
  });

  it('says in large letters when the appointment no longer takes place, so a saved copy cannot pass for a valid one', async () => {
    for (const [status, title, notice] of [
      ['CANCELLED', 'Appointment cancelled', 'CANCELLED: this appointment no longer takes place.'],
      ['EXPIRED', 'Appointment request expired', 'EXPIRED: the clinic never confirmed this request.'],
      ['NO_SHOW', 'Appointment missed', 'NO-SHOW: the patient did not come.'],
    ] as const) {
      assert.deepEqual(headingOf(status), { title, notice });
      const text = pdfText(await renderAppointmentPdf({ ...appointment, status }, english));
      assert.ok(text.includes(title), `${status}: ${text}`);
      assert.ok(text.includes(notice), `${status}: ${text}`);
      assert.ok(text.includes('Maria Ionescu'), 'the details stay');
    }
    assert.equal(headingOf('CONFIRMED').notice, undefined);
    assert.equal(headingOf('PENDING').notice, undefined);
  });

  it('is in Romanian for a Romanian-speaking patient, every diacritic intact through the embedded font', async () => {
    const text = pdfText(
      await renderAppointmentPdf(
        { ...appointment, status: 'CANCELLED', patient_name: 'Ștefan Țăranu', cabinet_location: 'Aripa Învățământ, ÂĂÎȘȚ âăîșț' },
        { ...english, language: 'ro' },
      ),
    );
    for (const expected of [
      'Programare anulată',
      'ANULATĂ: această programare nu mai are loc.',
      'Pacient Ștefan Țăranu',
      'Medic Andrei Popescu',
      'Data și ora luni 30 martie 2026, 09:00–09:30 (Europe/Bucharest)',
      'Cabinet 3, Aripa Învățământ, ÂĂÎȘȚ âăîșț, etajul 2',
      `Nr. programării ${appointment.id}`,
    ]) {
      assert.ok(text.includes(expected), `shows ${expected}: ${text}`);
    }
    assert.ok(!/Appointment|Patient|Stefan|Taranu/.test(text), text);
  });

  it('has the clinic’s name and address at the top, and its logo when configured, instead of a fixed name', async () => {
    const logo = readFileSync(new URL('../../assets/demo-clinic-logo.png', import.meta.url));
    const withLogo = await renderAppointmentPdf(appointment, {
      ...english,
      clinic: { name: 'Clinica Sfântul Ștefan', address: 'Bd. Unirii 5, Brașov', logo },
    });
    const text = pdfText(withLogo);
    assert.ok(text.startsWith('Clinica Sfântul Ștefan Bd. Unirii 5, Brașov Appointment confirmation'), text);
    assert.ok(!text.includes('Clinic Booking'), text);
    assert.match(withLogo.toString('latin1'), /\/Subtype \/Image/);
    assert.doesNotMatch((await renderAppointmentPdf(appointment, english)).toString('latin1'), /\/Subtype \/Image/);
  });

  it('reads whole after a PDF with ș and Ș: the letters they are made of keep their text in the next PDF', async () => {
    const romanian = pdfText(
      await renderAppointmentPdf({ ...appointment, status: 'PENDING', patient_name: 'Ștefan Țăranu' }, { ...english, language: 'ro' }),
    );
    assert.ok(romanian.includes('Data și ora') && romanian.includes('ÎN AȘTEPTARE'), romanian);
    const text = pdfText(await renderAppointmentPdf({ ...appointment, status: 'PENDING', patient_name: 'Sorin Stoica' }, english));
    for (const expected of ['Appointment details', 'Status PENDING', 'Patient Sorin Stoica']) {
      assert.ok(text.includes(expected), `the PDF shows “${expected}”: ${text}`);
    }
  });

  it('embeds its font, so no reader substitutes one without ș and ț', async () => {
    const pdf = (await renderAppointmentPdf(appointment, english)).toString('latin1');
    assert.match(pdf, /\/FontFile2|\/FontFile3/);
    assert.match(pdf, /DejaVuSans/);
    assert.doesNotMatch(pdf, /\/BaseFont \/Helvetica/);
  });
});

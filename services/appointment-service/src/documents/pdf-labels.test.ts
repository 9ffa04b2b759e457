import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Appointment, AppointmentStatus } from '@clinic/contracts';
import { DEFAULT_PDF_LANGUAGE, detailRows, formatAppointmentTime, headingOf, labelsOf } from './pdf-labels.ts';

const STATUSES: AppointmentStatus[] = ['PENDING', 'CONFIRMED', 'CANCELLED', 'COMPLETED', 'EXPIRED', 'NO_SHOW'];

const appointment = {
  id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  start_time: '2026-03-30T06:00:00.000Z',
  end_time: '2026-03-30T06:30:00.000Z',
  status: 'CONFIRMED',
  patient_name: 'Ștefan Țăranu',
  doctor_name: 'Ionuț Bălănescu',
  specialization_name: 'Cardiologie',
  cabinet_name: 'Cabinetul 3',
  cabinet_location: 'Aripa de est',
  cabinet_floor: 2,
} as Appointment;

describe('the PDF’s words', () => {
  it('are Romanian unless the patient’s language is known, the clinic’s language', () => {
    assert.equal(DEFAULT_PDF_LANGUAGE, 'ro');
  });

  it('translate every label of the details table', () => {
    assert.deepEqual(detailRows(appointment, 'Europe/Bucharest', 'ro'), [
      ['Stare', 'CONFIRMATĂ'],
      ['Pacient', 'Ștefan Țăranu'],
      ['Medic', 'Ionuț Bălănescu'],
      ['Specializare', 'Cardiologie'],
      ['Data și ora', 'luni 30 martie 2026, 09:00–09:30 (Europe/Bucharest)'],
      ['Cabinet', 'Cabinetul 3, Aripa de est, etajul 2'],
      ['Nr. programării', appointment.id],
    ]);
    assert.deepEqual(
      detailRows(appointment, 'Europe/Bucharest', 'en').map(([label]) => label),
      ['Status', 'Patient', 'Doctor', 'Specialization', 'Date and time', 'Cabinet', 'Appointment id'],
    );
    assert.equal(detailRows(appointment, 'Europe/Bucharest', 'en')[5]![1], 'Cabinetul 3, Aripa de est, floor 2');
  });

  it('name a family member as whom it is for ("Pentru", "For"), the account holder after, and never the reason', () => {
    const forChild = {
      ...appointment,
      family_member_id: appointment.id,
      family_member_name: 'Ioana Țăranu',
      reason: 'Tuse de o săptămână',
    };
    const ro = detailRows(forChild, 'Europe/Bucharest', 'ro');
    assert.deepEqual(ro.slice(1, 3), [
      ['Pentru', 'Ioana Țăranu'],
      ['Titularul contului', 'Ștefan Țăranu'],
    ]);
    const en = detailRows(forChild, 'Europe/Bucharest', 'en');
    assert.deepEqual(en.slice(1, 3), [
      ['For', 'Ioana Țăranu'],
      ['Account holder', 'Ștefan Țăranu'],
    ]);
    for (const [, value] of [...ro, ...en]) assert.ok(!value.includes('Tuse'), value);
  });

  it('name the visit type booked in the PDF’s language, right after the specialization', () => {
    const withType = {
      ...appointment,
      end_time: '2026-03-30T07:00:00.000Z',
      visit_type_id: '7a1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
      visit_type_name_ro: 'Consultație inițială',
      visit_type_name_en: 'First consultation',
    };
    assert.deepEqual(detailRows(withType, 'Europe/Bucharest', 'ro').slice(3, 5), [
      ['Specializare', 'Cardiologie'],
      ['Tipul consultației', 'Consultație inițială'],
    ]);
    assert.deepEqual(detailRows(withType, 'Europe/Bucharest', 'en')[4], ['Visit type', 'First consultation']);
    assert.equal(detailRows(withType, 'Europe/Bucharest', 'en')[5]![1], 'Monday 30 March 2026, 09:00–10:00 (Europe/Bucharest)');
  });

  it('give every status a title in both languages, and a notice to the ones that no longer take place', () => {
    for (const status of STATUSES) {
      for (const language of ['ro', 'en'] as const) {
        assert.ok(headingOf(status, language).title, `${status} ${language}`);
        assert.ok(labelsOf(language).statuses[status], `${status} ${language}`);
        const ends = status === 'CANCELLED' || status === 'EXPIRED' || status === 'NO_SHOW';
        assert.equal(headingOf(status, language).notice !== undefined, ends, `${status} ${language}`);
      }
    }
    assert.deepEqual(headingOf('CANCELLED', 'ro'), {
      title: 'Programare anulată',
      notice: 'ANULATĂ: această programare nu mai are loc.',
    });
    assert.deepEqual(headingOf('CONFIRMED', 'ro'), { title: 'Confirmarea programării' });
    assert.equal(headingOf('NO_SHOW', 'ro').notice, 'NEPREZENTARE: pacientul nu a venit.');
    assert.equal(headingOf('EXPIRED', 'ro').notice, 'EXPIRATĂ: clinica nu a confirmat niciodată această cerere.');
  });

  it('write the date in Romanian, in the clinic’s wall clock on either side of the change of time', () => {
    assert.equal(
      formatAppointmentTime('2026-11-30T06:00:00Z', '2026-11-30T06:30:00Z', 'Europe/Bucharest', 'ro'),
      'luni 30 noiembrie 2026, 08:00–08:30 (Europe/Bucharest)',
    );
    assert.equal(
      formatAppointmentTime('2026-03-29T07:00:00Z', '2026-03-29T07:30:00Z', 'Europe/Bucharest', 'ro'),
      'duminică 29 martie 2026, 10:00–10:30 (Europe/Bucharest)',
    );
  });
});

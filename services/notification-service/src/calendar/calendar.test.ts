import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ical from 'node-ical';
import { appointmentCalendar, appointmentUid } from './calendar.ts';
import { event, appointment, clinic, stored } from '../../test/fixtures.ts';
import { historyAround } from '../events/event-notifications.ts';

const invite = (method: 'REQUEST' | 'CANCEL', sequence: number) =>
  appointmentCalendar({
    appointment: appointment(),
    method,
    sequence,
    language: 'ro',
    clinic,
    organizerEmail: 'no-reply@clinica.example',
    audience: 'DOCTOR',
  });

describe('calendar invitations', () => {
  it('are iCalendar files a parser reads back: method, UID, SEQUENCE, times, location', () => {
    const text = invite('REQUEST', 0);
    assert.match(text, /^BEGIN:VCALENDAR\r\n[\s\S]*\r\nEND:VCALENDAR\r\n$/);
    assert.ok(
      text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75),
      'lines folded at 75 octets',
    );
    assert.match(text, /\r\nMETHOD:REQUEST\r\n/);
    assert.match(text, /\r\nVERSION:2\.0\r\n/);
    const vevent = theEvent(text);
    assert.equal(vevent.uid, appointmentUid(appointment().id, clinic.publicUrl));
    assert.equal(Number(vevent.sequence), 0);
    assert.equal(new Date(vevent.start).toISOString(), '2026-12-03T07:30:00.000Z');
    assert.equal(new Date(vevent.end!).toISOString(), '2026-12-03T08:00:00.000Z');
    assert.match(vevent.location as string, /Cabinet 2, Aripa A, etajul 1/);
  });

  it('cancel with METHOD:CANCEL, the same UID and a higher SEQUENCE', () => {
    const text = invite('CANCEL', 2);
    assert.match(text, /\r\nMETHOD:CANCEL\r\n/);
    const vevent = theEvent(text);
    assert.equal(vevent.status, 'CANCELLED');
    assert.equal(Number(vevent.sequence), 2);
    assert.equal(vevent.uid, appointmentUid(appointment().id, clinic.publicUrl));
  });
});

describe('an event’s place in its appointment’s history', () => {
  const created = event('CREATED', 'e1', appointment());
  const pdf = event('PDF_GENERATED', 'e2', appointment({ pdf_object_key: 'k' }));
  const moved = event('UPDATED', 'e3', appointment({ start_time: '2026-12-04T07:30:00.000Z', end_time: '2026-12-04T08:00:00.000Z' }));
  const movedAgain = event('UPDATED', 'e4', appointment({ start_time: '2026-12-05T07:30:00.000Z', end_time: '2026-12-05T08:00:00.000Z' }));
  const cancelled = event('CANCELLED', 'e5', appointment({ status: 'CANCELLED' }));
  const history = [created, pdf, moved, movedAgain, cancelled].map(stored);

  it('gives each change a higher sequence and the state just before it', () => {
    assert.deepEqual(historyAround(history, 'e1'), { previous: undefined, sequence: 0 });
    assert.equal(historyAround(history, 'e3').sequence, 1);
    assert.equal(historyAround(history, 'e3').previous?.start_time, '2026-12-03T07:30:00.000Z');
    assert.equal(historyAround(history, 'e4').sequence, 2);
    assert.equal(historyAround(history, 'e4').previous?.start_time, '2026-12-04T07:30:00.000Z');
    assert.equal(historyAround(history, 'e5').sequence, 3);
  });
});

/** The invite's one VEVENT, as a calendar client reads it. */
function theEvent(text: string): ical.VEvent {
  const events = Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
  assert.equal(events.length, 1, 'one VEVENT');
  return events[0]!;
}

describe('the patient’s invitation', () => {
  it('names the doctor without their login address', () => {
    const forPatient = appointmentCalendar({
      appointment: appointment(),
      method: 'REQUEST',
      sequence: 0,
      language: 'ro',
      clinic,
      organizerEmail: 'no-reply@clinica.example',
      audience: 'PATIENT',
    });
    assert.ok(!forPatient.includes(appointment().doctor_email), forPatient);
    assert.ok(forPatient.includes(appointment().patient_email));
  });
});

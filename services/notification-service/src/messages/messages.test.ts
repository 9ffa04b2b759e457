import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appointment, clinic } from '../../test/fixtures.ts';
import { formatTimeRange, recipientsOf, renderMessage } from './index.ts';
import { reminderDay } from './reminder-due.ts';

/** The nightly reminder run before the fixture's appointment (3 December, 09:30 in Bucharest): 2 December, 00:05 there. */
const NIGHT_BEFORE = '2026-12-01T22:05:00.000Z';

describe('email texts', () => {
  it('tell the patient of a booking in Romanian with correct diacritics, times in the clinic’s zone', () => {
    const message = renderMessage({ type: 'CREATED', audience: 'PATIENT', appointment: appointment() }, 'ro', clinic);
    assert.match(message.subject, /^Programare înregistrată: Dr\. Ana Ionescu, joi, 3 decembrie 2026, 09:30–10:00$/);
    for (const part of [message.text, message.html]) {
      assert.ok(part.includes('Ștefan Țăranu'));
      assert.ok(part.includes('Cardiologie'));
      assert.ok(part.includes('Cabinet 2, Aripa A, etajul 1'));
      assert.ok(part.includes('în așteptarea confirmării'));
      assert.ok(part.includes('Clinica Sănătatea'));
      assert.ok(part.includes('https://clinica.example'));
    }
    // Comma-below ș and ț, never the cedilla look-alikes.
    assert.doesNotMatch(message.text + message.html, /[şţŞŢ]/);
  });

  it('speak English to a recipient who chose it', () => {
    const message = renderMessage({ type: 'CREATED', audience: 'DOCTOR', appointment: appointment() }, 'en', clinic);
    assert.equal(message.subject, 'New appointment in your calendar: Ștefan Țăranu, Thursday, 3 December 2026, 09:30–10:00');
    assert.match(message.text, /A new appointment was added to your calendar/);
    assert.match(message.text, /Room: Cabinet 2, Aripa A, floor 1/);
  });

  it('show the old and the new time of a reschedule', () => {
    const previous = appointment({
      start_time: '2026-12-02T12:00:00.000Z',
      end_time: '2026-12-02T12:30:00.000Z',
      cabinet_name: 'Cabinet 1',
    });
    const message = renderMessage({ type: 'UPDATED', audience: 'PATIENT', appointment: appointment(), previous }, 'ro', clinic);
    assert.match(message.text, /Înainte:\nData și ora: miercuri, 2 decembrie 2026, 14:00–14:30\nCabinet: Cabinet 1/);
    assert.match(message.text, /Acum:\n[\s\S]*joi, 3 decembrie 2026, 09:30–10:00/);
  });

  it('say who cancelled and that the time is free again', () => {
    const message = renderMessage(
      { type: 'CANCELLED', audience: 'DOCTOR', appointment: appointment({ status: 'CANCELLED' }), cancelledBy: 'PATIENT' },
      'en',
      clinic,
    );
    assert.match(message.text, /cancelled by the patient/);
    assert.match(message.text, /The time Thursday, 3 December 2026, 09:30–10:00 is free again/);
  });

  it('tell the reason of a cancellation when one was given, escaped in the HTML part', () => {
    const message = renderMessage(
      {
        type: 'CANCELLED',
        audience: 'PATIENT',
        appointment: appointment({ status: 'CANCELLED' }),
        cancelledBy: 'DOCTOR',
        reason: 'Doctor <ill>',
      },
      'en',
      clinic,
    );
    assert.match(message.text, /cancelled by the doctor\.\n\nReason: Doctor <ill>/);
    assert.match(message.html, /Reason: Doctor &lt;ill&gt;/);
    const withoutReason = renderMessage(
      { type: 'CANCELLED', audience: 'PATIENT', appointment: appointment({ status: 'CANCELLED' }), cancelledBy: 'DOCTOR' },
      'ro',
      clinic,
    );
    assert.doesNotMatch(withoutReason.text, /Motivul/);
  });

  it('tell a cancellation for a deleted account in each audience’s own words and language', () => {
    const cancelled = (audience: 'PATIENT' | 'DOCTOR', language: 'ro' | 'en') =>
      renderMessage(
        {
          type: 'CANCELLED',
          audience,
          appointment: appointment({ status: 'CANCELLED' }),
          cancelledBy: 'ADMIN',
          reasonCode: 'PATIENT_ACCOUNT_DELETED',
        },
        language,
        clinic,
      ).text;
    assert.match(cancelled('DOCTOR', 'en'), /cancelled by the clinic’s administrator\.\n\nReason: the patient’s account was deleted/);
    assert.match(cancelled('PATIENT', 'en'), /Reason: your account was deleted/);
    assert.match(cancelled('DOCTOR', 'ro'), /Motivul: contul pacientului a fost șters/);
    assert.match(cancelled('PATIENT', 'ro'), /Motivul: contul dumneavoastră a fost șters/);
  });

  it('give the PDF link and the reminder’s advice', () => {
    const pdf = renderMessage(
      {
        type: 'PDF_GENERATED',
        audience: 'PATIENT',
        appointment: appointment(),
        pdfUrl: 'https://clinica.example/api/x?a=1&b=2',
        linkExpiresAt: '2026-12-12T10:00:00Z',
      },
      'ro',
      clinic,
    );
    assert.match(pdf.text, /Descărcați PDF-ul: https:\/\/clinica\.example\/api\/x\?a=1&b=2/);
    assert.ok(pdf.html.includes('href="https://clinica.example/api/x?a=1&amp;b=2"'));
    const reminder = renderMessage(
      {
        type: 'REMINDER_DUE',
        audience: 'PATIENT',
        appointment: appointment(),
        cancelOnlineUntil: '2026-12-02T19:30:00.000Z',
        remindedAt: NIGHT_BEFORE,
      },
      'en',
      clinic,
    );
    assert.match(reminder.subject, /^Reminder: your appointment tomorrow/);
    assert.match(reminder.text, /identity document/);
    assert.match(reminder.text, /cancel the appointment in your account by Wednesday 2 December at 21:30/);
  });

  it('tell in the reminder until when the patient may cancel online, or to tell the clinic once that has passed', () => {
    const open = renderMessage(
      {
        type: 'REMINDER_DUE',
        audience: 'PATIENT',
        appointment: appointment(),
        cancelOnlineUntil: '2026-12-02T19:30:00.000Z',
        remindedAt: NIGHT_BEFORE,
      },
      'ro',
      clinic,
    );
    assert.match(open.text, /anulați programarea din cont până miercuri, 2 decembrie la 21:30, ca altcineva/);
    const passed = renderMessage(
      { type: 'REMINDER_DUE', audience: 'PATIENT', appointment: appointment(), remindedAt: NIGHT_BEFORE },
      'ro',
      clinic,
    );
    assert.match(
      passed.text,
      /prea aproape pentru a mai fi anulată online\. Dacă nu puteți ajunge, vă rugăm să anunțați clinica Clinica Sănătatea\./,
    );
    assert.doesNotMatch(passed.text, /anulați programarea din cont/);
    const english = renderMessage(
      { type: 'REMINDER_DUE', audience: 'PATIENT', appointment: appointment(), remindedAt: NIGHT_BEFORE },
      'en',
      clinic,
    );
    assert.match(english.text, /too close to be cancelled online\. If you cannot come, please tell Clinica Sănătatea\./);
    assert.doesNotMatch(open.text + passed.text, /[şţŞŢ]/);
  });

  it('say "tomorrow" in a reminder of tomorrow’s appointment and "today" in one made the same day, in both languages', () => {
    const reminder = (remindedAt: string, language: 'ro' | 'en') =>
      renderMessage({ type: 'REMINDER_DUE', audience: 'PATIENT', appointment: appointment(), remindedAt }, language, clinic);
    // 3 December, 07:00 in Bucharest: booked after the night's run, reminded the same morning.
    const sameDay = '2026-12-03T05:00:00.000Z';
    const ro = reminder(sameDay, 'ro');
    assert.match(ro.subject, /^Reamintire: programarea de astăzi, joi, 3 decembrie 2026, 09:30–10:00$/);
    assert.match(ro.text, /Vă reamintim programarea de astăzi:/);
    assert.doesNotMatch(ro.subject + ro.text + ro.html, /mâine/);
    const en = reminder(sameDay, 'en');
    assert.match(en.subject, /^Reminder: your appointment today, Thursday, 3 December 2026, 09:30–10:00$/);
    assert.match(en.text, /A reminder of your appointment today:/);
    assert.doesNotMatch(en.subject + en.text + en.html, /tomorrow/);

    const tomorrowRo = reminder(NIGHT_BEFORE, 'ro');
    assert.match(tomorrowRo.subject, /^Reamintire: programarea de mâine, /);
    assert.match(tomorrowRo.text, /Vă reamintim programarea de mâine:/);
    assert.doesNotMatch(tomorrowRo.text, /astăzi/);
    assert.match(reminder(NIGHT_BEFORE, 'en').text, /A reminder of your appointment tomorrow:/);
  });

  it('count today and tomorrow by the clinic’s calendar, not UTC’s', () => {
    const start = appointment().start_time; // 3 December, 09:30 in Bucharest
    assert.equal(
      reminderDay(start, '2026-12-02T22:30:00.000Z', clinic.timeZone),
      'TODAY',
      '00:30 on 3 December there, still the 2nd in UTC',
    );
    assert.equal(reminderDay(start, '2026-12-02T21:30:00.000Z', clinic.timeZone), 'TOMORROW', '23:30 on 2 December there');
    assert.equal(reminderDay(start, '2026-12-01T12:00:00.000Z', clinic.timeZone), 'LATER');
    // The night summer time ends (25 October 2026): 00:30 there is 21:30 UTC the day before.
    assert.equal(reminderDay('2026-10-25T07:00:00.000Z', '2026-10-24T21:30:00.000Z', clinic.timeZone), 'TODAY');
  });

  it('tell a patient the front desk’s booking is confirmed already', () => {
    const desk = appointment({ status: 'CONFIRMED', booked_by: '55555555-5555-4555-8555-555555555555' });
    const ro = renderMessage({ type: 'CREATED', audience: 'PATIENT', appointment: desk }, 'ro', clinic);
    assert.match(ro.text, /a fost înregistrată și confirmată\./);
    assert.match(ro.text, /Programarea a fost făcută pentru dumneavoastră de clinică\./);
    const en = renderMessage({ type: 'CREATED', audience: 'PATIENT', appointment: desk }, 'en', clinic);
    assert.match(en.text, /is booked and confirmed\./);
    const own = renderMessage({ type: 'CREATED', audience: 'PATIENT', appointment: appointment() }, 'en', clinic);
    assert.doesNotMatch(own.text, /confirmed\./);
  });

  it('tell a patient their unconfirmed request expired, and where to book again', () => {
    const a = appointment({ status: 'EXPIRED' });
    const ro = renderMessage({ type: 'EXPIRED', audience: 'PATIENT', appointment: a }, 'ro', clinic);
    assert.equal(ro.subject, 'Cererea de programare a expirat: Dr. Ana Ionescu, joi, 3 decembrie 2026, 09:30–10:00');
    assert.match(ro.text, /nu a fost confirmată de clinică înainte de ora programării, așa că a expirat/);
    assert.match(ro.text, new RegExp(`Programați-vă din nou: https://clinica\\.example/doctors/${a.doctor_id}`));
    assert.match(ro.text, /Stare: expirată/);
    const en = renderMessage({ type: 'EXPIRED', audience: 'PATIENT', appointment: a }, 'en', clinic);
    assert.equal(en.subject, 'Your appointment request expired: Dr. Ana Ionescu, Thursday, 3 December 2026, 09:30–10:00');
    assert.match(en.text, /Book again: https:\/\/clinica\.example\/doctors\//);
    assert.doesNotMatch(ro.text + ro.html, /[şţŞŢ]/);
  });

  it('offer a freed time from the waitlist: the time, until when it is held, and the link to the waitlist page', () => {
    const offer = {
      hold_id: '7a1f8c2e-0d55-4f4e-9f3b-6b7f3d0c1a01',
      entry_id: '7a1f8c2e-0d55-4f4e-9f3b-6b7f3d0c1a02',
      patient_id: '11111111-1111-4111-8111-111111111111',
      doctor_id: '22222222-2222-4222-8222-222222222222',
      doctor_user_id: '33333333-3333-4333-8333-333333333333',
      doctor_name: 'Dr. Ana Ionescu',
      specialization_name: 'Cardiologie',
      cabinet_name: 'Cabinet 2',
      cabinet_location: 'Aripa A',
      cabinet_floor: 1,
      start_time: '2026-12-03T07:30:00.000Z',
      end_time: '2026-12-03T08:00:00.000Z',
      expires_at: '2026-12-01T10:10:00.000Z',
    };
    const ro = renderMessage({ type: 'WAITLIST_OFFER', recipientName: 'Ștefan Țăranu', offer }, 'ro', clinic);
    assert.equal(ro.subject, 'Un interval s-a eliberat pentru dumneavoastră: Dr. Ana Ionescu, joi, 3 decembrie 2026, 09:30–10:00');
    assert.match(ro.text, /^Bună ziua, Ștefan Țăranu,/);
    assert.match(
      ro.text,
      /este rezervat pentru dumneavoastră până marți, 1 decembrie la 12:10: până atunci doar dumneavoastră îl puteți programa/,
    );
    assert.match(ro.text, /oferit următoarei persoane din lista de așteptare/);
    assert.match(ro.text, /Cabinet: Cabinet 2, Aripa A, etajul 1/);
    assert.match(ro.text, /Programați intervalul: https:\/\/clinica\.example\/waitlist/);
    const en = renderMessage({ type: 'WAITLIST_OFFER', recipientName: 'Jane Doe', offer }, 'en', clinic);
    assert.equal(en.subject, 'A time is free for you: Dr. Ana Ionescu, Thursday, 3 December 2026, 09:30–10:00');
    assert.match(en.text, /held for you until Tuesday 1 December at 12:10: until then, only you can book it/);
    assert.doesNotMatch(ro.text + ro.html, /[şţŞŢ]/);
  });

  it('name the visit type booked in the recipient’s language, and none for a booking without one', () => {
    const typed = appointment({
      visit_type_id: '44444444-4444-4444-8444-444444444444',
      visit_type_name_ro: 'Consultație inițială',
      visit_type_name_en: 'First consultation',
    });
    assert.match(
      renderMessage({ type: 'CREATED', audience: 'PATIENT', appointment: typed }, 'ro', clinic).text,
      /Tipul consultației: Consultație inițială/,
    );
    assert.match(
      renderMessage({ type: 'CONFIRMED', audience: 'PATIENT', appointment: typed }, 'en', clinic).text,
      /Visit type: First consultation/,
    );
    assert.match(renderMessage({ type: 'CREATED', audience: 'DOCTOR', appointment: typed }, 'en', clinic).html, /First consultation/);
    assert.doesNotMatch(
      renderMessage({ type: 'CREATED', audience: 'PATIENT', appointment: appointment() }, 'en', clinic).text,
      /Visit type/,
    );
  });

  it('tell the reason of a move when one was given, and that the clinic booked when it did', () => {
    const moved = renderMessage(
      { type: 'UPDATED', audience: 'PATIENT', appointment: appointment(), previous: undefined, reason: 'Medicul are o urgență' },
      'ro',
      clinic,
    );
    assert.match(moved.text, /Motivul: Medicul are o urgență/);
    const byDesk = renderMessage(
      { type: 'CREATED', audience: 'PATIENT', appointment: appointment({ booked_by: '99999999-9999-4999-8999-999999999999' }) },
      'ro',
      clinic,
    );
    assert.match(byDesk.text, /Programarea a fost făcută pentru dumneavoastră de clinică\./);
    const own = renderMessage(
      { type: 'CREATED', audience: 'PATIENT', appointment: appointment({ booked_by: appointment().patient_id }) },
      'ro',
      clinic,
    );
    assert.doesNotMatch(own.text, /făcută pentru dumneavoastră/);
  });

  it('escape what users typed in the HTML part', () => {
    const message = renderMessage({ type: 'MANUAL', recipientName: '<b>Ion</b>', subject: 'Info', message: 'a < b' }, 'ro', clinic);
    assert.ok(message.html.includes('&lt;b&gt;Ion&lt;/b&gt;'));
    assert.ok(message.html.includes('a &lt; b'));
  });

  it('list a doctor’s agenda in time order as given', () => {
    const list = [
      appointment(),
      appointment({ start_time: '2026-12-03T09:00:00.000Z', end_time: '2026-12-03T09:30:00.000Z', patient_name: 'Maria Pop' }),
    ];
    const message = renderMessage(
      { type: 'DAILY_AGENDA', audience: 'DOCTOR', doctorName: 'Dr. Ana Ionescu', day: '2026-12-03', appointments: list },
      'ro',
      clinic,
    );
    assert.match(message.subject, /^Agenda de mâine \(joi, 3 decembrie 2026\): 2 programări$/);
    assert.match(message.text, /- 09:30–10:00 · Ștefan Țăranu[\s\S]*- 11:00–11:30 · Maria Pop/);
  });

  it('format times across the change to winter time', () => {
    assert.equal(
      formatTimeRange('2026-10-25T07:00:00Z', '2026-10-25T07:30:00Z', 'en', 'Europe/Bucharest'),
      'Sunday, 25 October 2026, 09:00–09:30',
    );
  });

  it('send CREATED, UPDATED and CANCELLED to both, the others to the patient only', () => {
    assert.deepEqual(recipientsOf('CREATED'), ['PATIENT', 'DOCTOR']);
    assert.deepEqual(recipientsOf('CANCELLED'), ['PATIENT', 'DOCTOR']);
    assert.deepEqual(recipientsOf('CONFIRMED'), ['PATIENT']);
    assert.deepEqual(recipientsOf('REMINDER_DUE'), ['PATIENT']);
    assert.deepEqual(recipientsOf('EXPIRED'), ['PATIENT']);
    assert.deepEqual(recipientsOf('WAITLIST_OFFER'), ['PATIENT']);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyAppointmentLink } from '@clinic/service-kit';
import { appointment, clinic, event } from '../../test/fixtures.ts';
import { eventNotification, type EventContext, type NotifiedEvent } from './event-notifications.ts';
import { offeredActions } from './links.ts';

const SECRET = 'a-test-secret-of-enough-length';
const context: EventContext = { clinic, organizerEmail: 'no-reply@clinica.example', patientChangeCutoffHours: 12, linkSecret: SECRET };
const patient = { audience: 'PATIENT' as const, id: appointment().patient_id, email: 'stefan@example.com', language: 'ro' as const };
const doctor = { audience: 'DOCTOR' as const, id: appointment().doctor_user_id, email: 'ana@example.com', language: 'en' as const };
/** The fixture's appointment starts 3 December 2026, 07:30 UTC; booked 28 November. */
const EVENT_ID = '6a1f8c2e-0d55-4f4e-9f3b-6b7f3d0c1a09';

/** An event someone is told of (the fixture's type is the wider AppointmentEvent). */
const notified = (...args: Parameters<typeof event>) => event(...args) as NotifiedEvent;
const linkOf = (text: string, label: string) => new RegExp(`${label}: (\\S+)`).exec(text)?.[1];
const tokenOf = (url: string) => /\/(?:a|links)\/([\w-]+~[\w-]+)/.exec(url)?.[1] ?? '';

describe('the links an appointment email offers', () => {
  it('view and the PDF always; reschedule a pending one and cancel an active one until the cut-off', () => {
    const before = '2026-12-02T19:30:00.000Z';
    assert.deepEqual(offeredActions(appointment(), before, 12), ['VIEW', 'RESCHEDULE', 'CANCEL']);
    assert.deepEqual(offeredActions(appointment({ status: 'CONFIRMED' }), before, 12), ['VIEW', 'CANCEL']);
    assert.deepEqual(offeredActions(appointment(), '2026-12-02T19:30:00.001Z', 12), ['VIEW']);
    assert.deepEqual(offeredActions(appointment({ status: 'CANCELLED' }), before, 12), ['VIEW']);
    assert.deepEqual(offeredActions(appointment(), '2026-12-03T07:30:00.000Z', 0), ['VIEW'], 'not once it starts');
  });

  it('are in the patient’s booking email, signed for their appointment and language; none in the doctor’s', () => {
    const created = notified('CREATED', EVENT_ID);
    const mail = eventNotification(created, patient, context);
    const view = linkOf(mail.body, 'Vedeți programarea \\(fără autentificare\\)');
    const cancel = linkOf(mail.body, 'Anulați programarea');
    const reschedule = linkOf(mail.body, 'Mutați programarea');
    const pdf = linkOf(mail.body, 'Documentul PDF al programării');
    assert.ok(view?.startsWith('https://clinica.example/a/'), mail.body);
    assert.equal(cancel, `${view}?do=cancel`);
    assert.equal(reschedule, `${view}?do=reschedule`);
    assert.ok(pdf?.startsWith('https://clinica.example/api/appointments/links/'));
    assert.ok(mail.bodyHtml.includes(`href="${cancel}"`));
    const verdict = verifyAppointmentLink(SECRET, tokenOf(view!), Date.parse('2026-12-01T00:00:00Z') / 1000);
    assert.ok(verdict.ok);
    assert.equal(verdict.claims.appointmentId, created.appointment.id);
    assert.equal(verdict.claims.patientId, created.appointment.patient_id);
    assert.equal(verdict.claims.language, 'ro');
    assert.deepEqual(verdict.claims.actions, ['VIEW', 'RESCHEDULE', 'CANCEL']);
    const toDoctor = eventNotification(created, doctor, context);
    assert.doesNotMatch(toDoctor.body, /\/a\/|links\//);
  });

  it('offer only viewing and the PDF in a cancellation, and English labels to an English patient', () => {
    const cancelled = notified('CANCELLED', EVENT_ID, appointment({ status: 'CANCELLED' }), { cancelledBy: 'PATIENT' });
    const mail = eventNotification(cancelled, { ...patient, language: 'en' }, context);
    assert.match(mail.body, /See the appointment \(no login needed\): https:\/\/clinica\.example\/a\//);
    assert.match(mail.body, /The appointment’s PDF: /);
    assert.doesNotMatch(mail.body, /Cancel the appointment|Reschedule the appointment/);
  });

  it('record PDF_GENERATED as never sent: its link is in the appointment’s own email', () => {
    const generated = eventNotification(notified('PDF_GENERATED', EVENT_ID), patient, context);
    assert.equal(generated.status, 'NOT_SENT');
    assert.equal(generated.type, 'PDF_GENERATED');
    assert.equal(eventNotification(notified('CREATED', EVENT_ID), patient, context).status, undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Appointment, AppointmentEvent, Notification } from '@clinic/contracts';
import { appointment as confirmedAppointment } from '../documents/fixtures.ts';
import { buildTimeline, type EndedHold, type RecordedEvent, type TimelineSources } from './rules.ts';

const PATIENT = '11111111-1111-4111-8111-111111111111';
const DOCTOR_USER = '33333333-3333-4333-8333-333333333333';
const ADMIN = '55555555-5555-4555-8555-555555555555';
const WAITER = '66666666-6666-4666-8666-666666666666';

const appointment: Appointment = { ...confirmedAppointment, status: 'CANCELLED', booked_by: PATIENT };

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();

function event(
  type: AppointmentEvent['type'],
  minute: number,
  extra: Partial<AppointmentEvent> = {},
  state: Partial<Appointment> = {},
): RecordedEvent {
  const payload: AppointmentEvent = {
    id: crypto.randomUUID(),
    type,
    occurredAt: at(minute),
    appointmentId: appointment.id,
    appointment: { ...appointment, ...state },
    ...extra,
  };
  return { type, payload, created_at: at(minute) };
}

function email(minute: number, status: Notification['status'], subject: string): Notification {
  return {
    id: crypto.randomUUID(),
    type: 'CREATED',
    channel: 'EMAIL',
    recipient_id: PATIENT,
    recipient_email: appointment.patient_email,
    appointment_id: appointment.id,
    event_id: null,
    language: 'ro',
    subject,
    body: '',
    status,
    attempts: 1,
    last_error: status === 'SENT' ? null : '421 try later',
    sent_at: status === 'SENT' ? at(minute) : null,
    created_at: at(minute),
  };
}

const sources = (overrides: Partial<TimelineSources>): TimelineSources => ({
  appointment,
  events: [],
  holds: [],
  staffNames: new Map(),
  notifications: [],
  ...overrides,
});

describe('an appointment’s timeline', () => {
  it('tells who booked it online, moved it from which time to which, cancelled it why, in time order with PDFs and emails', () => {
    const moved = { start_time: '2026-03-31T07:00:00.000Z', end_time: '2026-03-31T07:30:00.000Z' };
    const entries = buildTimeline(
      sources({
        events: [
          event('CREATED', 0, { actorId: PATIENT }),
          event('PDF_GENERATED', 1),
          event('UPDATED', 5, { actorId: DOCTOR_USER, reason: 'Urgență' }, moved),
          event('PDF_GENERATED', 6),
          event('CANCELLED', 9, { actorId: ADMIN, cancelledBy: 'ADMIN', reason: 'Pacientul a sunat' }, moved),
        ],
        staffNames: new Map([[ADMIN, 'Recepția Demo']]),
        notifications: [email(0, 'SENT', 'Programare înregistrată'), email(9, 'RETRYING', 'Programare anulată')],
      }),
    );
    assert.deepEqual(
      entries.map((entry) => entry.kind),
      ['BOOKED', 'EMAIL', 'PDF_GENERATED', 'RESCHEDULED', 'PDF_GENERATED', 'CANCELLED', 'EMAIL'],
    );
    const [booked, sent, firstPdf, rescheduled, secondPdf, cancelled, unsent] = entries;
    assert.equal(booked!.booked_via, 'ONLINE');
    assert.deepEqual(booked!.actor, { id: PATIENT, name: 'Maria Ionescu', role: 'PATIENT' });
    assert.deepEqual(rescheduled!.actor, { id: DOCTOR_USER, name: 'Andrei Popescu', role: 'DOCTOR' });
    assert.equal(rescheduled!.reason, 'Urgență');
    assert.equal(rescheduled!.previous_start_time, appointment.start_time);
    assert.equal(rescheduled!.start_time, moved.start_time);
    assert.deepEqual([firstPdf!.pdf_version, secondPdf!.pdf_version], [1, 2]);
    assert.deepEqual(cancelled!.actor, { id: ADMIN, name: 'Recepția Demo', role: 'ADMIN' });
    assert.equal(cancelled!.reason, 'Pacientul a sunat');
    assert.equal(sent!.email!.status, 'SENT');
    assert.equal(unsent!.email!.status, 'RETRYING');
    assert.equal(unsent!.email!.sent_at, null);
  });

  it('says the front desk booked it, and a hold it booked over with the reason, before the booking', () => {
    const overridden: EndedHold = {
      status: 'OVERRIDDEN',
      patient_id: WAITER,
      overridden_by: ADMIN,
      override_reason: 'Urgență',
      updated_at: at(0),
    };
    const entries = buildTimeline(
      sources({
        appointment: { ...appointment, booked_by: ADMIN },
        events: [event('CREATED', 0, { actorId: ADMIN })],
        holds: [overridden],
      }),
    );
    assert.deepEqual(
      entries.map((entry) => [entry.kind, entry.booked_via, entry.reason]),
      [
        ['HOLD_OVERRIDDEN', undefined, 'Urgență'],
        ['BOOKED', 'FRONT_DESK', undefined],
      ],
    );
    assert.equal(entries[0]!.held_for_patient_id, WAITER);
  });

  it('says the patient took a time the waitlist held for them', () => {
    const taken: EndedHold = { status: 'BOOKED', patient_id: PATIENT, overridden_by: null, override_reason: null, updated_at: at(0) };
    const [booked] = buildTimeline(sources({ events: [event('CREATED', 0, { actorId: PATIENT })], holds: [taken] }));
    assert.equal(booked!.booked_via, 'WAITLIST_OFFER');
  });

  it('names no one for what the platform did by itself: an expiry, a reminder, a cancellation of a deleted account', () => {
    const entries = buildTimeline(
      sources({
        events: [
          event('REMINDER_DUE', 1),
          event('EXPIRED', 2),
          event('CANCELLED', 3, { cancelledBy: 'ADMIN', reasonCode: 'PATIENT_ACCOUNT_DELETED' }),
        ],
      }),
    );
    assert.deepEqual(
      entries.map((entry) => [entry.kind, entry.actor]),
      [
        ['REMINDER_DUE', null],
        ['EXPIRED', null],
        ['CANCELLED', null],
      ],
    );
  });
});

import { randomUUID } from 'node:crypto';
import type { Appointment, AppointmentEvent, Language, StoredAppointmentEvent, UserContact, WaitlistOfferEvent } from '@clinic/contracts';
import { appointmentCalendar, type CalendarMethod } from '../calendar/index.ts';
import { renderMessage, type AppointmentLinks, type Audience, type ClinicInfo, type MessageInput } from '../messages/index.ts';
import type { NewNotification } from '../notifications/index.ts';
import { appointmentLinks, LINK_DAYS_AFTER_END, type LinkSettings } from './links.ts';

/**
 * The appointment just before `eventId` in its history (for "before → after" in update emails), and the
 * calendar SEQUENCE of the event: 0 when booked, one more per reschedule, one more for the cancellation.
 */
export function historyAround(history: readonly StoredAppointmentEvent[], eventId: string): { previous?: Appointment; sequence: number } {
  const index = history.findIndex((e) => e.id === eventId);
  const before = index < 0 ? history : history.slice(0, index);
  const updates = before.filter((e) => e.type === 'UPDATED').length;
  const self = index < 0 ? undefined : history[index];
  const sequence = updates + (self && (self.type === 'UPDATED' || self.type === 'CANCELLED') ? 1 : 0);
  const previous = [...before].reverse().find((e) => e.type !== 'PDF_GENERATED' && e.type !== 'REMINDER_DUE')?.payload.appointment;
  return { previous, sequence };
}

export interface Recipient {
  audience: Audience;
  id: string;
  email: string;
  language: Language;
}

/** Who an event's emails go to, at their current address and in their language (the event's snapshot if user-service does not know them). */
export function recipientFor(audience: Audience, appointment: Appointment, contact: UserContact | undefined): Recipient {
  const id = audience === 'PATIENT' ? appointment.patient_id : appointment.doctor_user_id;
  const email = audience === 'PATIENT' ? appointment.patient_email : appointment.doctor_email;
  return { audience, id, email: contact?.email ?? email, language: contact?.language ?? 'ro' };
}

export interface EventContext extends LinkSettings {
  organizerEmail: string;
  /** Update emails: the appointment before the change and the calendar sequence. */
  history?: { previous?: Appointment; sequence: number };
}

const calendarMethod = (type: AppointmentEvent['type']): CalendarMethod | undefined =>
  type === 'CREATED' || type === 'UPDATED' ? 'REQUEST' : type === 'CANCELLED' ? 'CANCEL' : undefined;

/** An event someone is told of; the others (NO_SHOW) are only recorded, and marked processed untold. */
export type NotifiedEvent = AppointmentEvent & { type: Exclude<AppointmentEvent['type'], 'NO_SHOW'> };
export const isNotified = (event: AppointmentEvent): event is NotifiedEvent => event.type !== 'NO_SHOW';

/**
 * Until when a reminder tells the patient they may cancel online: the patient cut-off before the start,
 * if it was still ahead when the reminder was recorded (`at`); otherwise none (they are told to call).
 * Taken from the event's time, not the clock, so rendering the same event again says the same.
 */
export function cancelOnlineUntil(appointment: Pick<Appointment, 'start_time'>, at: string, cutoffHours: number): string | undefined {
  const until = new Date(Date.parse(appointment.start_time) - cutoffHours * 3_600_000);
  return Date.parse(at) <= until.getTime() ? until.toISOString() : undefined;
}

/** What the email of one event to one recipient is made from. */
function messageInput(
  event: NotifiedEvent,
  recipient: Recipient,
  context: EventContext,
  links: AppointmentLinks | undefined,
): MessageInput {
  const appointment = event.appointment;
  let input: MessageInput;
  switch (event.type) {
    case 'UPDATED':
      input = { type: 'UPDATED', audience: recipient.audience, appointment, previous: context.history?.previous, reason: event.reason };
      break;
    case 'CANCELLED':
      input = {
        type: 'CANCELLED',
        audience: recipient.audience,
        appointment,
        cancelledBy: event.cancelledBy,
        reason: event.reason,
        reasonCode: event.reasonCode,
      };
      break;
    case 'PDF_GENERATED':
      input = {
        type: 'PDF_GENERATED',
        audience: 'PATIENT',
        appointment,
        pdfUrl: links?.pdf ?? '',
        linkExpiresAt: new Date(Date.parse(appointment.end_time) + LINK_DAYS_AFTER_END * 86_400_000).toISOString(),
      };
      break;
    case 'REMINDER_DUE':
      input = {
        type: 'REMINDER_DUE',
        audience: recipient.audience,
        appointment,
        cancelOnlineUntil: cancelOnlineUntil(appointment, event.occurredAt, context.patientChangeCutoffHours),
        remindedAt: event.occurredAt,
      };
      break;
    default:
      input = { type: event.type, audience: recipient.audience, appointment };
  }
  return { ...input, links };
}

/** The fully rendered notification of one event for one recipient, ready to be claimed. */
export function eventNotification(event: NotifiedEvent, recipient: Recipient, context: EventContext): NewNotification {
  const appointment = event.appointment;
  // The patient's emails carry the signed links (view, PDF, and the changes the rules allow now).
  const links = recipient.audience === 'PATIENT' ? appointmentLinks(appointment, recipient.language, event.occurredAt, context) : undefined;
  const rendered = renderMessage(messageInput(event, recipient, context, links), recipient.language, context.clinic);
  const method = calendarMethod(event.type);
  const ics = method
    ? appointmentCalendar({
        appointment,
        method,
        sequence: context.history?.sequence ?? 0,
        language: recipient.language,
        clinic: context.clinic,
        organizerEmail: context.organizerEmail,
        audience: recipient.audience,
      })
    : null;
  return {
    id: randomUUID(),
    sourceKey: event.id,
    eventId: event.id,
    appointmentId: appointment.id,
    type: event.type,
    recipientId: recipient.id,
    recipientEmail: recipient.email,
    language: recipient.language,
    subject: rendered.subject,
    body: rendered.text,
    bodyHtml: rendered.html,
    ics,
    icsMethod: method ?? null,
    // Its link is in the appointment's own email already: recorded for the audit, never sent.
    ...(event.type === 'PDF_GENERATED' ? { status: 'NOT_SENT' as const } : {}),
  };
}

/** The email that offers a freed time from the waitlist to its patient; it belongs to no appointment (the time is nobody's yet). */
export function waitlistOfferNotification(event: WaitlistOfferEvent, contact: UserContact, clinic: ClinicInfo): NewNotification {
  const rendered = renderMessage(
    { type: 'WAITLIST_OFFER', recipientName: contact.full_name, offer: event.offer },
    contact.language,
    clinic,
  );
  return {
    id: randomUUID(),
    sourceKey: event.id,
    eventId: event.id,
    appointmentId: null,
    type: 'WAITLIST_OFFER',
    recipientId: event.offer.patient_id,
    recipientEmail: contact.email,
    language: contact.language,
    subject: rendered.subject,
    body: rendered.text,
    bodyHtml: rendered.html,
    ics: null,
    icsMethod: null,
  };
}

import { randomUUID } from 'node:crypto';
import type { Appointment, AppointmentEvent, Language, StoredAppointmentEvent, UserContact } from '@clinic/contracts';
import { appointmentCalendar, type CalendarMethod } from './calendar.ts';
import { recipientsOf, renderMessage, type Audience, type ClinicInfo, type MessageInput } from './messages.ts';
import type { NewNotification } from './notifications-repository.ts';

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

export interface EventContext {
  clinic: ClinicInfo;
  organizerEmail: string;
  /** Update emails: the appointment before the change and the calendar sequence. */
  history?: { previous?: Appointment; sequence: number };
  /** PDF emails: the signed link through the gateway. */
  pdf?: { url: string; expiresAt: string };
}

const calendarMethod = (type: AppointmentEvent['type']): CalendarMethod | undefined =>
  type === 'CREATED' || type === 'UPDATED' ? 'REQUEST' : type === 'CANCELLED' ? 'CANCEL' : undefined;

/** An event someone is told of; the others (NO_SHOW) are only recorded, and marked processed untold. */
export type NotifiedEvent = AppointmentEvent & { type: Exclude<AppointmentEvent['type'], 'NO_SHOW'> };
export const isNotified = (event: AppointmentEvent): event is NotifiedEvent => event.type !== 'NO_SHOW';

/** The fully rendered notification of one event for one recipient, ready to be claimed. */
export function eventNotification(event: NotifiedEvent, recipient: Recipient, context: EventContext): NewNotification | undefined {
  const appointment = event.appointment;
  let input: MessageInput;
  switch (event.type) {
    case 'UPDATED':
      input = { type: 'UPDATED', audience: recipient.audience, appointment, previous: context.history?.previous };
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
      if (!context.pdf) return undefined;
      input = { type: 'PDF_GENERATED', audience: 'PATIENT', appointment, pdfUrl: context.pdf.url, linkExpiresAt: context.pdf.expiresAt };
      break;
    default:
      input = { type: event.type, audience: recipient.audience, appointment };
  }
  const rendered = renderMessage(input, recipient.language, context.clinic);
  const method = calendarMethod(event.type);
  const ics = method
    ? appointmentCalendar({
        appointment,
        method,
        sequence: context.history?.sequence ?? 0,
        language: recipient.language,
        clinic: context.clinic,
        organizerEmail: context.organizerEmail,
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
  };
}

export { recipientsOf };

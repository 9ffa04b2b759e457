import type { Appointment, AppointmentEvent, BookedVia, Notification, TimelineActor, TimelineEntry } from '@clinic/contracts';

/** An appointment event as stored, with when it was recorded. */
export interface RecordedEvent {
  type: AppointmentEvent['type'];
  payload: AppointmentEvent;
  created_at: string;
}

/** A waitlist hold that ended in this appointment: taken by its patient (BOOKED), or by the front desk over it (OVERRIDDEN). */
export interface EndedHold {
  status: 'BOOKED' | 'OVERRIDDEN';
  patient_id: string;
  overridden_by: string | null;
  override_reason: string | null;
  updated_at: string;
}

/** What the services recorded about one appointment, read for its timeline. */
export interface TimelineSources {
  appointment: Appointment;
  events: RecordedEvent[];
  holds: EndedHold[];
  /** Staff names as the audit log recorded them, by user id. */
  staffNames: Map<string, string>;
  notifications: Notification[];
}

/** In which capacity a user acted on the appointment: its patient, its doctor, or else the clinic's staff. */
export function actorOf(id: string | undefined, appointment: Appointment, staffNames: Map<string, string>): TimelineActor | null {
  if (!id) return null;
  if (id === appointment.patient_id) return { id, name: appointment.patient_name, role: 'PATIENT' };
  if (id === appointment.doctor_user_id) return { id, name: appointment.doctor_name, role: 'DOCTOR' };
  return { id, name: staffNames.get(id) ?? null, role: 'ADMIN' };
}

/** How it was booked: from a waitlist offer when its patient took the time held for them, else by who booked it. */
export function bookedVia(appointment: Appointment, holds: EndedHold[]): BookedVia {
  if (holds.some((hold) => hold.status === 'BOOKED' && hold.patient_id === appointment.patient_id)) return 'WAITLIST_OFFER';
  return (appointment.booked_by ?? appointment.patient_id) === appointment.patient_id ? 'ONLINE' : 'FRONT_DESK';
}

const times = (appointment: Appointment) => ({ start_time: appointment.start_time, end_time: appointment.end_time });

/** The appointment events as timeline entries, each change with the time it had before where it moved. */
function eventEntries({ appointment, events, holds, staffNames }: TimelineSources): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let before: Appointment | undefined;
  let pdfVersion = 0;
  for (const { type, payload, created_at: at } of events) {
    const actor = actorOf(payload.actorId, appointment, staffNames);
    const reason = payload.reason ? { reason: payload.reason } : {};
    switch (type) {
      case 'CREATED':
        entries.push({ at, kind: 'BOOKED', actor, booked_via: bookedVia(appointment, holds), ...times(payload.appointment) });
        break;
      case 'UPDATED':
        entries.push({
          at,
          kind: 'RESCHEDULED',
          actor,
          ...reason,
          ...times(payload.appointment),
          ...(before ? { previous_start_time: before.start_time, previous_end_time: before.end_time } : {}),
        });
        break;
      case 'PDF_GENERATED':
        pdfVersion += 1;
        entries.push({ at, kind: 'PDF_GENERATED', actor: null, pdf_version: pdfVersion });
        break;
      case 'CANCELLED':
        entries.push({ at, kind: 'CANCELLED', actor: cancelActor(payload, appointment, staffNames), ...reason });
        break;
      default:
        entries.push({ at, kind: type, actor, ...reason });
    }
    if (type !== 'PDF_GENERATED' && type !== 'REMINDER_DUE') before = payload.appointment;
  }
  return entries;
}

/** Who cancelled: the actor when recorded; else the capacity the event names (no one for the platform's own cancellations). */
function cancelActor(payload: AppointmentEvent, appointment: Appointment, staffNames: Map<string, string>): TimelineActor | null {
  const actor = actorOf(payload.actorId, appointment, staffNames);
  if (actor || payload.reasonCode) return actor;
  if (payload.cancelledBy === 'PATIENT') return actorOf(appointment.patient_id, appointment, staffNames);
  if (payload.cancelledBy === 'DOCTOR') return actorOf(appointment.doctor_user_id, appointment, staffNames);
  return null;
}

/** A hold the front desk booked over, with its reason. */
function overrideEntries({ appointment, holds, staffNames }: TimelineSources): TimelineEntry[] {
  return holds
    .filter((hold) => hold.status === 'OVERRIDDEN')
    .map((hold) => ({
      at: hold.updated_at,
      kind: 'HOLD_OVERRIDDEN' as const,
      actor: actorOf(hold.overridden_by ?? undefined, appointment, staffNames),
      ...(hold.override_reason ? { reason: hold.override_reason } : {}),
      held_for_patient_id: hold.patient_id,
    }));
}

const emailEntries = (notifications: Notification[]): TimelineEntry[] =>
  notifications.map((n) => ({
    at: n.created_at,
    kind: 'EMAIL' as const,
    actor: null,
    email: {
      notification_id: n.id,
      type: n.type,
      recipient_email: n.recipient_email,
      subject: n.subject,
      status: n.status,
      attempts: n.attempts,
      last_error: n.last_error,
      sent_at: n.sent_at,
    },
  }));

/** Where entries recorded at the same instant fall: the change before what it caused (emails, PDFs). */
const KIND_ORDER: Record<TimelineEntry['kind'], number> = {
  HOLD_OVERRIDDEN: 0,
  BOOKED: 1,
  RESCHEDULED: 1,
  CONFIRMED: 1,
  CANCELLED: 1,
  NO_SHOW: 1,
  EXPIRED: 1,
  REMINDER_DUE: 1,
  PDF_GENERATED: 2,
  EMAIL: 3,
};

/** The appointment's story in time order: every change with its actor and reason, its PDFs, reminders and emails. */
export function buildTimeline(sources: TimelineSources): TimelineEntry[] {
  const entries = [...overrideEntries(sources), ...eventEntries(sources), ...emailEntries(sources.notifications)];
  // A stable sort: events keep their recorded order within one instant.
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

import { Type, type Static } from 'typebox';
import { Uuid } from './http.ts';
import { Notification, NotificationStatus, NotificationType } from './notifications.ts';

const Instant = Type.String({ format: 'date-time' });

/** Every notification about one appointment, oldest first (internal, for appointment-service's timeline). */
export const AppointmentNotifications = Type.Object({ notifications: Type.Array(Notification) });
export type AppointmentNotifications = Static<typeof AppointmentNotifications>;

/** How an appointment came to be: the patient online, the front desk for them, or the patient taking a time the waitlist held for them. */
export const BookedVia = Type.Union([Type.Literal('ONLINE'), Type.Literal('FRONT_DESK'), Type.Literal('WAITLIST_OFFER')]);
export type BookedVia = Static<typeof BookedVia>;

/** Who did something to the appointment, in which capacity (the platform itself has no actor). */
export const TimelineActor = Type.Object({
  id: Uuid,
  name: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.Literal('PATIENT'), Type.Literal('DOCTOR'), Type.Literal('ADMIN')]),
});
export type TimelineActor = Static<typeof TimelineActor>;

export const TimelineEntryKind = Type.Union([
  Type.Literal('BOOKED'),
  Type.Literal('HOLD_OVERRIDDEN'),
  Type.Literal('RESCHEDULED'),
  Type.Literal('CONFIRMED'),
  Type.Literal('CANCELLED'),
  Type.Literal('NO_SHOW'),
  Type.Literal('EXPIRED'),
  Type.Literal('PDF_GENERATED'),
  Type.Literal('REMINDER_DUE'),
  Type.Literal('EMAIL'),
]);
export type TimelineEntryKind = Static<typeof TimelineEntryKind>;

/** One email about the appointment and whether the SMTP server accepted it (status SENT). */
export const TimelineEmail = Type.Object({
  notification_id: Uuid,
  type: NotificationType,
  recipient_email: Type.String(),
  subject: Type.String(),
  status: NotificationStatus,
  attempts: Type.Integer(),
  last_error: Type.Union([Type.String(), Type.Null()]),
  sent_at: Type.Union([Instant, Type.Null()]),
});
export type TimelineEmail = Static<typeof TimelineEmail>;

/** One step of an appointment's story; only the fields of its kind are present. */
export const TimelineEntry = Type.Object({
  at: Instant,
  kind: TimelineEntryKind,
  /** Who did it; null for what the platform does by itself (expiry, PDFs, reminders, emails). */
  actor: Type.Union([TimelineActor, Type.Null()]),
  /** BOOKED: how. */
  booked_via: Type.Optional(BookedVia),
  /** Why, in the words of who did it (a change, a cancellation, a hold overridden). */
  reason: Type.Optional(Type.String()),
  /** BOOKED and RESCHEDULED: the time it was then; RESCHEDULED: also the time it had before. */
  start_time: Type.Optional(Instant),
  end_time: Type.Optional(Instant),
  previous_start_time: Type.Optional(Instant),
  previous_end_time: Type.Optional(Instant),
  /** PDF_GENERATED: 1 for the first document, then one more for each new version. */
  pdf_version: Type.Optional(Type.Integer({ minimum: 1 })),
  /** HOLD_OVERRIDDEN: the waiting patient whose held time the front desk took. */
  held_for_patient_id: Type.Optional(Uuid),
  email: Type.Optional(TimelineEmail),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

/** GET /appointments/{id}/timeline: the appointment's story, oldest first. */
export const AppointmentTimeline = Type.Object({
  appointment_id: Uuid,
  /** False when notification-service did not answer: the emails are missing from the entries, not unsent. */
  emails_known: Type.Boolean(),
  entries: Type.Array(TimelineEntry),
});
export type AppointmentTimeline = Static<typeof AppointmentTimeline>;

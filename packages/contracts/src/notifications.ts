import { Type, type Static } from 'typebox';
import { SingleLineText, Uuid } from './http.ts';

const Instant = Type.String({ format: 'date-time' });

/** Why a notification was sent: an appointment event, a waitlist offer, the doctor's daily agenda, or an admin's message. */
export const NotificationType = Type.Union([
  Type.Literal('CREATED'),
  Type.Literal('UPDATED'),
  Type.Literal('CONFIRMED'),
  Type.Literal('CANCELLED'),
  Type.Literal('PDF_GENERATED'),
  Type.Literal('REMINDER_DUE'),
  Type.Literal('EXPIRED'),
  Type.Literal('WAITLIST_OFFER'),
  Type.Literal('DAILY_AGENDA'),
  Type.Literal('MANUAL'),
]);
export type NotificationType = Static<typeof NotificationType>;

/**
 * PENDING: recorded, not sent yet; RETRYING: the relay refused or was away, another attempt is
 * scheduled; SENT: the relay accepted it; FAILED: the retry budget is spent (see `last_error`).
 */
export const NotificationStatus = Type.Union([
  Type.Literal('PENDING'),
  Type.Literal('RETRYING'),
  Type.Literal('SENT'),
  Type.Literal('FAILED'),
  /** Recorded, never emailed: a PDF_GENERATED whose link the appointment's own email already carries. */
  Type.Literal('NOT_SENT'),
]);
export type NotificationStatus = Static<typeof NotificationStatus>;

export const NotificationChannel = Type.Union([Type.Literal('EMAIL')]);

/** One message to one recipient, as recorded in notification-service's audit (`notifications`). */
export const Notification = Type.Object({
  id: Uuid,
  type: NotificationType,
  channel: NotificationChannel,
  recipient_id: Uuid,
  recipient_email: Type.String(),
  appointment_id: Type.Union([Uuid, Type.Null()]),
  event_id: Type.Union([Uuid, Type.Null()]),
  language: Type.Union([Type.Literal('ro'), Type.Literal('en')]),
  subject: Type.String(),
  body: Type.String({ description: 'The plain-text part' }),
  status: NotificationStatus,
  attempts: Type.Integer({ description: 'Sending attempts made so far' }),
  last_error: Type.Union([Type.String(), Type.Null()]),
  sent_at: Type.Union([Instant, Type.Null()]),
  created_at: Instant,
});
export type Notification = Static<typeof Notification>;

/** An admin's message to one user, sent by email in the user's language as written. */
export const SendNotificationRequest = Type.Object(
  {
    user_id: Uuid,
    subject: SingleLineText(200),
    message: Type.String({ minLength: 1, maxLength: 5_000, pattern: '\\S' }),
    appointment_id: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type SendNotificationRequest = Static<typeof SendNotificationRequest>;

import { Type, type Static } from 'typebox';
import { BookingRules } from './closed-days.ts';
import { Instant, SingleLineText, Uuid } from './http.ts';

export const AppointmentStatus = Type.Union([
  Type.Literal('PENDING'),
  Type.Literal('CONFIRMED'),
  Type.Literal('CANCELLED'),
  Type.Literal('COMPLETED'),
  /** A PENDING appointment whose start passed without a confirmation. */
  Type.Literal('EXPIRED'),
  /** The patient did not come (marked by the doctor or an admin). */
  Type.Literal('NO_SHOW'),
]);
export type AppointmentStatus = Static<typeof AppointmentStatus>;

export const Appointment = Type.Object({
  id: Uuid,
  patient_id: Uuid,
  doctor_id: Uuid,
  doctor_user_id: Uuid,
  cabinet_id: Uuid,
  start_time: Instant,
  end_time: Instant,
  status: AppointmentStatus,
  patient_name: Type.String(),
  patient_email: Type.String(),
  doctor_name: Type.String(),
  doctor_email: Type.String(),
  specialization_name: Type.String(),
  cabinet_name: Type.String(),
  cabinet_location: Type.String(),
  cabinet_floor: Type.Integer(),
  pdf_object_key: Type.Union([Type.String(), Type.Null()]),
  /**
   * Who booked it: the patient, or the admin at the front desk. Absent only in snapshots taken before
   * it was recorded (stored outcomes and events of older bookings).
   */
  booked_by: Type.Optional(Uuid),
  /**
   * Whom it is for when not the account holder: the id of the account's family member, and their
   * name as it was when booked. Null for the account holder's own; absent in older snapshots.
   */
  family_member_id: Type.Optional(Type.Union([Uuid, Type.Null()])),
  family_member_name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** Why the patient comes, in their words: shown to the patient, the doctor and staff, never in emails nor the PDF. */
  reason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** The visit type it was booked as, with its names as they were then; null (or absent in older snapshots) without one. */
  visit_type_id: Type.Optional(Type.Union([Uuid, Type.Null()])),
  visit_type_name_ro: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  visit_type_name_en: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  created_at: Instant,
  updated_at: Instant,
});
export type Appointment = Static<typeof Appointment>;

/**
 * An appointment as the API answers it: the doctor's login email to staff only. A patient sees their
 * doctor's name, specialization and cabinet; the address that names a staff account stays private.
 */
export const AppointmentView = Type.Object({
  ...Appointment.properties,
  doctor_email: Type.Optional(Type.String({ description: 'Staff (ADMIN, DOCTOR) only: the doctor’s login email' })),
});
export type AppointmentView = Static<typeof AppointmentView>;

/** Why the patient comes: optional, one line of their words, trimmed before it is kept. */
export const VisitReason = SingleLineText(500, {
  description: 'Why the patient comes (visible to the clinic, never in emails nor the PDF)',
});

export const CreateAppointmentRequest = Type.Object(
  {
    doctor_id: Uuid,
    start_time: Instant,
    end_time: Type.Optional({
      ...Instant,
      description: 'Required without visit_type_id; with one it may be left out (start + the type’s duration) and must match when given',
    }),
    visit_type_id: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'One of the doctor’s visit types (GET /doctors/{id}/visit-types): the visit lasts its duration',
      }),
    ),
    patient_id: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Whom it is for: an admin (the front desk) books for this patient; a patient may give only their own id',
      }),
    ),
    family_member_id: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'For a family member of the booking account (of patient_id, at the front desk): the appointment is theirs',
      }),
    ),
    reason: Type.Optional(VisitReason),
    override_hold_reason: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        pattern: '\\S',
        description:
          'ADMIN only (403 for a patient): book a time held for a waiting patient (otherwise 409 SLOT_HELD), saying why; ' +
          'the hold ends, the waiting patient waits on for the next freed time, and the override is audited',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateAppointmentRequest = Static<typeof CreateAppointmentRequest>;

/** Why the clinic changes an appointment close to its start: told to the patient in the emails. */
const ChangeReason = Type.String({
  minLength: 1,
  maxLength: 500,
  pattern: '\\S',
  description: 'Why it is changed: recorded in the event and told in the emails; required from staff inside the patient cut-off',
});

export const RescheduleAppointmentRequest = Type.Object(
  { start_time: Instant, end_time: Instant, cabinet_id: Type.Optional(Uuid), reason: Type.Optional(ChangeReason) },
  { additionalProperties: false },
);
export type RescheduleAppointmentRequest = Static<typeof RescheduleAppointmentRequest>;

export const CancelAppointmentRequest = Type.Object({ reason: Type.Optional(ChangeReason) }, { additionalProperties: false });
export type CancelAppointmentRequest = Static<typeof CancelAppointmentRequest>;

/** The clinic's rules a client shows before anyone tries a change (GET /appointments/rules). */
export const AppointmentRules = Type.Object({
  patient_change_cutoff_hours: Type.Number({
    minimum: 0,
    description:
      'A patient cancels or moves an appointment until this many hours before its start (that instant included); ' +
      'from then on, and after the start, only staff can, giving a reason',
  }),
  max_future_appointments_per_patient: Type.Integer({
    minimum: 1,
    description:
      'Most active (PENDING, CONFIRMED) appointments ahead a patient books for themselves; one more is refused (409 TOO_MANY_APPOINTMENTS)',
  }),
  max_waitlist_entries_per_patient: Type.Integer({
    minimum: 1,
    description: 'Most waitlist entries a patient waits with at once; one more is refused (409 TOO_MANY_WAITLIST_ENTRIES)',
  }),
  waitlist_hold_seconds: Type.Integer({
    minimum: 1,
    description:
      'How long a freed time offered from the waitlist is held for the patient it is offered to; a hold ends at the time’s start at the latest',
  }),
  no_show_grace_minutes: Type.Integer({
    minimum: 0,
    description: 'A no-show is marked only this many minutes after the start (earlier: 409 TOO_EARLY_FOR_NO_SHOW)',
  }),
  /** The clinic's minimum notice and buffer (a doctor may have their own) and its closed days from today on. */
  booking: Type.Optional(BookingRules),
});
export type AppointmentRules = Static<typeof AppointmentRules>;

export const AppointmentEventType = Type.Union([
  Type.Literal('CREATED'),
  Type.Literal('UPDATED'),
  Type.Literal('CONFIRMED'),
  Type.Literal('CANCELLED'),
  Type.Literal('REMINDER_DUE'),
  Type.Literal('PDF_GENERATED'),
  Type.Literal('NO_SHOW'),
  /** A PENDING appointment whose start passed unconfirmed (recorded by the expiry job). */
  Type.Literal('EXPIRED'),
]);
export type AppointmentEventType = Static<typeof AppointmentEventType>;

/** Why the platform itself cancelled an appointment. */
export const CancellationReasonCode = Type.Union([
  /** The patient's account was deleted: their future appointments are cancelled. */
  Type.Literal('PATIENT_ACCOUNT_DELETED'),
]);
export type CancellationReasonCode = Static<typeof CancellationReasonCode>;

/**
 * An event of an appointment's life, as stored in `appointment_events` and published on the
 * `clinic.events` exchange with routing key `appointment.<type in lower case>`. Consumers
 * deduplicate on `id` (delivery is at least once).
 */
export const AppointmentEvent = Type.Object({
  id: Uuid,
  type: AppointmentEventType,
  occurredAt: Instant,
  appointmentId: Uuid,
  /** The appointment as it was right after the change. */
  appointment: Appointment,
  /** CANCELLED only: in which capacity the person who cancelled acted. */
  cancelledBy: Type.Optional(Type.Union([Type.Literal('PATIENT'), Type.Literal('DOCTOR'), Type.Literal('ADMIN')])),
  /** CANCELLED and UPDATED, when given: why it was cancelled or moved, in the words of who did it. */
  reason: Type.Optional(Type.String()),
  /**
   * The user who made the change: who booked it (CREATED), moved it (UPDATED), cancelled, confirmed or
   * marked it. Absent for what the platform does by itself (EXPIRED, PDF_GENERATED, REMINDER_DUE).
   */
  actorId: Type.Optional(Uuid),
  /** CANCELLED only, when the platform cancelled it for a reason of its own: told in the recipient's language. */
  reasonCode: Type.Optional(CancellationReasonCode),
});
export type AppointmentEvent = Static<typeof AppointmentEvent>;

/** A time the waitlist offers to one waiting patient, held for them alone until `expires_at`. */
export const WaitlistOffer = Type.Object({
  hold_id: Uuid,
  entry_id: Uuid,
  patient_id: Uuid,
  doctor_id: Uuid,
  doctor_user_id: Uuid,
  doctor_name: Type.String(),
  specialization_name: Type.String(),
  cabinet_name: Type.String(),
  cabinet_location: Type.String(),
  cabinet_floor: Type.Integer(),
  start_time: Instant,
  end_time: Instant,
  expires_at: Instant,
});
export type WaitlistOffer = Static<typeof WaitlistOffer>;

/**
 * A freed time offered to the first waiting patient (the booking worker's OFFER_TIME decision). Stored
 * in the outbox without an appointment (the time is nobody's yet) and published as
 * `appointment.waitlist_offer`; notification-service emails the patient.
 */
export const WaitlistOfferEvent = Type.Object({
  id: Uuid,
  type: Type.Literal('WAITLIST_OFFER'),
  occurredAt: Instant,
  offer: WaitlistOffer,
});
export type WaitlistOfferEvent = Static<typeof WaitlistOfferEvent>;

/** Every event appointment-service's outbox publishes: an appointment's, or a waitlist offer. */
export const AppointmentServiceEvent = Type.Union([AppointmentEvent, WaitlistOfferEvent]);
export type AppointmentServiceEvent = Static<typeof AppointmentServiceEvent>;

/** A stored event as the internal events API answers it. */
export const StoredAppointmentEvent = Type.Object({
  id: Uuid,
  appointment_id: Uuid,
  type: AppointmentEventType,
  payload: AppointmentEvent,
  created_at: Instant,
  is_processed: Type.Boolean(),
  processed_at: Type.Union([Instant, Type.Null()]),
});
export type StoredAppointmentEvent = Static<typeof StoredAppointmentEvent>;

/** A stored event of any kind, as the internal outbox routes answer it (a waitlist offer has no appointment). */
export const StoredServiceEvent = Type.Object({
  id: Uuid,
  appointment_id: Type.Union([Uuid, Type.Null()]),
  type: Type.Union([AppointmentEventType, Type.Literal('WAITLIST_OFFER')]),
  payload: AppointmentServiceEvent,
  created_at: Instant,
  is_processed: Type.Boolean(),
  processed_at: Type.Union([Instant, Type.Null()]),
});
export type StoredServiceEvent = Static<typeof StoredServiceEvent>;

/** Events handled, marked processed in one request (internal, for notification-service); unknown ids are skipped. */
export const ProcessedEvents = Type.Object({ ids: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });
export type ProcessedEvents = Static<typeof ProcessedEvents>;

/** How many of the events named were found (and are now marked processed). */
export const ProcessedEventsAnswer = Type.Object({ marked: Type.Integer({ minimum: 0 }) });
export type ProcessedEventsAnswer = Static<typeof ProcessedEventsAnswer>;

/** A time-limited link to an appointment's PDF in the document store. */
export const PdfLink = Type.Object({
  url: Type.String({ format: 'uri', description: 'Presigned GET URL; works without a token until it expires' }),
  expires_at: Instant,
});
export type PdfLink = Static<typeof PdfLink>;

/** A link to an appointment's PDF served through the gateway (`path` is relative to the public origin), for emails. */
export const PdfDownloadLink = Type.Object({
  path: Type.String({ description: '/api/appointments/{id}/pdf/download?expires=…&signature=…' }),
  expires_at: Instant,
});
export type PdfDownloadLink = Static<typeof PdfDownloadLink>;

export const PdfDownloadQuery = Type.Object({
  expires: Type.Integer({ minimum: 0, description: 'Unix time (seconds) after which the link no longer works' }),
  signature: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'HMAC-SHA256 of the appointment id and expiry, base64url' }),
});

/** Time window of the reminder worker's query (internal). */
export const DueRemindersQuery = Type.Object({ from: Instant, to: Instant });

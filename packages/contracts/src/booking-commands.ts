// The booking queue's commands and outcomes (appointment-service's single worker decides them), and the
// internal requests and answers between doctor-service and appointment-service about a doctor's calendar.
import { Type, type Static } from 'typebox';
import { Appointment, WaitlistOffer } from './appointments.ts';
import { Instant, SingleLineText, Uuid } from './http.ts';

/** Who a booking command is for, from the requester's verified token. */
const CommandPatient = Type.Object({ id: Uuid, name: Type.String(), email: Type.String() });

/** An appointment a change of its doctor's calendar (or the doctor's departure) stands in the way of. */
export const AffectedAppointment = Type.Object({
  id: Uuid,
  start_time: Instant,
  end_time: Instant,
  patient_name: Type.String(),
});
export type AffectedAppointment = Static<typeof AffectedAppointment>;

/** Who asked for appointments to be cancelled with a calendar change, and why (told in the emails). */
export const DoctorCancellation = Type.Object(
  {
    reason: SingleLineText(500, { description: 'Why the appointments are cancelled: recorded in the events and told in the emails' }),
    cancelled_by: Type.Union([Type.Literal('DOCTOR'), Type.Literal('ADMIN')]),
  },
  { additionalProperties: false },
);
export type DoctorCancellation = Static<typeof DoctorCancellation>;

/** A request to the single booking worker, through the `appointment.booking-commands` queue. */
export const BookingCommand = Type.Union([
  Type.Object({
    id: Uuid,
    kind: Type.Literal('BOOK'),
    patient: CommandPatient,
    doctor_id: Uuid,
    start_time: Instant,
    end_time: Instant,
    /** Who asked: the patient, or the admin booking for them. Absent in commands queued before it was sent: the patient. */
    booked_by: Type.Optional(Uuid),
    /** For a family member of the patient's account: their id and name as user-service has them. */
    family_member: Type.Optional(Type.Object({ id: Uuid, name: Type.String() })),
    /** Why the patient comes (trimmed). */
    reason: Type.Optional(Type.String()),
    /** The front desk books a time held for a waiting patient, saying why: the hold ends (OVERRIDDEN). */
    override_hold_reason: Type.Optional(Type.String()),
    /** The visit type booked: the interval must last its duration from a slot's start. */
    visit_type_id: Type.Optional(Uuid),
  }),
  Type.Object({
    id: Uuid,
    kind: Type.Literal('RESCHEDULE'),
    appointment_id: Uuid,
    start_time: Instant,
    end_time: Instant,
    cabinet_id: Type.Optional(Uuid),
    /** Who asked, for the UPDATED event. */
    requested_by: Type.Optional(Uuid),
    reason: Type.Optional(Type.String()),
  }),
  /**
   * A doctor's time was freed (a cancellation, a move away, a hold that lapsed or was given up): offer
   * it to the first waiting patient, decided in order with the bookings of the doctor's shard.
   */
  Type.Object({
    id: Uuid,
    kind: Type.Literal('OFFER_TIME'),
    doctor_id: Uuid,
    start_time: Instant,
    end_time: Instant,
  }),
  /**
   * doctor-service retires the doctor (already marked retiring, so no booking decided after this
   * command sees them): which of their appointments are still ahead?
   */
  Type.Object({ id: Uuid, kind: Type.Literal('RETIRE_DOCTOR'), doctor_id: Uuid }),
  /**
   * doctor-service changed the doctor's schedule or time off (committed): which of their appointments
   * ahead no longer fit it? With `cancellation`, those are cancelled in the same decision.
   */
  Type.Object({ id: Uuid, kind: Type.Literal('RECONCILE_DOCTOR'), doctor_id: Uuid, cancellation: Type.Optional(DoctorCancellation) }),
  /**
   * The patient's account was deleted (marked so before this command was sent, so no booking of theirs
   * decided after it is accepted): their active appointments ahead are cancelled. Sent to every shard
   * (`shard` names the queue), so the bookings each shard decided before it are cancelled too.
   */
  Type.Object({ id: Uuid, kind: Type.Literal('PATIENT_LEFT'), patient_id: Uuid, shard: Type.Integer({ minimum: 0 }) }),
]);
export type BookingCommand = Static<typeof BookingCommand>;

/** Why the booking worker refused a command. Clients see the same word as the error code. */
export const BookingRejectionCode = Type.Union([
  /** Another active appointment of the doctor overlaps the interval. */
  Type.Literal('SLOT_TAKEN'),
  /** Another active appointment of the patient overlaps the interval. */
  Type.Literal('PATIENT_BUSY'),
  Type.Literal('DOCTOR_NOT_FOUND'),
  /** The appointment to reschedule does not exist. */
  Type.Literal('NOT_FOUND'),
  Type.Literal('CABINET_NOT_FOUND'),
  /** The appointment to reschedule is no longer PENDING. */
  Type.Literal('INVALID_STATE'),
  // The interval is not one slot the doctor's schedule offers (checkBookable of @clinic/scheduling).
  Type.Literal('INVALID_INTERVAL'),
  Type.Literal('IN_PAST'),
  Type.Literal('BEYOND_HORIZON'),
  Type.Literal('TIME_OFF'),
  Type.Literal('OUTSIDE_SCHEDULE'),
  Type.Literal('MISALIGNED'),
  /** The clinic is closed on the interval's date (a public holiday). */
  Type.Literal('CLOSED'),
  /** The interval starts sooner than the doctor's minimum notice allows. */
  Type.Literal('TOO_SOON'),
  /** The interval leaves less than the doctor's buffer free next to another appointment of theirs. */
  Type.Literal('TOO_CLOSE'),
  /** The time is held for a waiting patient (the waitlist's offer) until the hold expires. */
  Type.Literal('SLOT_HELD'),
  /** The patient already has as many appointments ahead as one patient may book for themselves. */
  Type.Literal('TOO_MANY_APPOINTMENTS'),
  /** The patient's account was deleted. */
  Type.Literal('PATIENT_NOT_FOUND'),
  /** The visit type is not one of the doctor's active ones. */
  Type.Literal('VISIT_TYPE_NOT_FOUND'),
  /** Patients may not book this visit type themselves; the clinic books it. */
  Type.Literal('VISIT_TYPE_NOT_ONLINE'),
]);
export type BookingRejectionCode = Static<typeof BookingRejectionCode>;

/**
 * What the booking worker decided for a command, in domain terms: stored with the command in
 * `booking_commands.outcome` (a retry under the same Idempotency-Key, or a redelivery, replays it)
 * and sent to the requesting replica. The HTTP answer is made of it at the edge only.
 */
export const BookingOutcome = Type.Union([
  Type.Object({ result: Type.Literal('BOOKED'), appointment: Appointment }),
  Type.Object({ result: Type.Literal('RESCHEDULED'), appointment: Appointment }),
  Type.Object({ result: Type.Literal('REJECTED'), code: BookingRejectionCode, message: Type.String() }),
  /** OFFER_TIME: the time is held for the first waiting patient. */
  Type.Object({ result: Type.Literal('OFFERED'), offer: WaitlistOffer }),
  /** OFFER_TIME: nobody is offered the time, and why. */
  Type.Object({
    result: Type.Literal('NOT_OFFERED'),
    reason: Type.Union([
      /** An active appointment or an unexpired hold has it. */
      Type.Literal('TAKEN'),
      /** Nobody waits for it (or everyone waiting is busy then, or let it lapse before). */
      Type.Literal('NO_WAITER'),
      /** No longer bookable: past, on time off, outside the schedule, or the doctor is gone. */
      Type.Literal('NOT_BOOKABLE'),
    ]),
  }),
  /** RETIRE_DOCTOR: the doctor's active appointments not ended yet; none means the doctor may go. */
  Type.Object({ result: Type.Literal('RETIREMENT_CHECKED'), appointments: Type.Array(AffectedAppointment) }),
  /** RECONCILE_DOCTOR: the active appointments ahead that no longer fit, and whether they were cancelled. */
  Type.Object({ result: Type.Literal('RECONCILED'), appointments: Type.Array(AffectedAppointment), cancelled: Type.Boolean() }),
  /** PATIENT_LEFT: how many of the patient's appointments ahead were cancelled. */
  Type.Object({ result: Type.Literal('PATIENT_LEFT'), cancelled: Type.Integer({ minimum: 0 }) }),
]);
export type BookingOutcome = Static<typeof BookingOutcome>;

/** A dependency the decision needs is away: nothing is decided or stored, and a retry decides it. */
export const BookingUnavailable = Type.Object({ result: Type.Literal('UNAVAILABLE'), message: Type.String() });
export type BookingUnavailable = Static<typeof BookingUnavailable>;

/** What the worker sends back on the requester's reply queue: its outcome, or that it could not decide now. */
export const BookingReply = Type.Union([BookingOutcome, BookingUnavailable]);
export type BookingReply = Static<typeof BookingReply>;

/**
 * What a requester learns of its booking command: the worker's reply, or, never stored, that the
 * command is queued but not decided in time (PENDING) or that its Idempotency-Key stood for another
 * request (KEY_REUSED).
 */
export type BookingAnswer = BookingReply | { result: 'PENDING' } | { result: 'KEY_REUSED' };

/** appointment-service's answer to doctor-service's retirement check (internal). */
export const DoctorAppointmentsAhead = Type.Object({ appointments: Type.Array(AffectedAppointment) });
export type DoctorAppointmentsAhead = Static<typeof DoctorAppointmentsAhead>;

/** doctor-service's request after a change of a doctor's calendar (internal). */
export const ReconcileDoctorRequest = Type.Object({ cancellation: Type.Optional(DoctorCancellation) }, { additionalProperties: false });
export type ReconcileDoctorRequest = Static<typeof ReconcileDoctorRequest>;

/** The appointments ahead that no longer fit the doctor's calendar, and whether they were cancelled (internal). */
export const ReconcileDoctorAnswer = Type.Object({ appointments: Type.Array(AffectedAppointment), cancelled: Type.Boolean() });
export type ReconcileDoctorAnswer = Static<typeof ReconcileDoctorAnswer>;

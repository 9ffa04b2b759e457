import { hasRole, type Principal } from '@clinic/service-kit';
import type { AppointmentStatus } from '@clinic/contracts';

/** What the rules need to know of an appointment. */
export interface AppointmentParties {
  patient_id: string;
  doctor_user_id: string;
  status: AppointmentStatus;
}

/**
 * An appointment as the caller sees it: staff (an admin, a doctor) get the doctor's login email; a
 * patient does not (their doctor's name is on it), so no answer of theirs names a staff account.
 */
export function appointmentAsSeenBy<T extends { doctor_email?: string }>(viewer: Principal | undefined, appointment: T): T {
  if (viewer && (hasRole(viewer, 'ADMIN') || hasRole(viewer, 'DOCTOR'))) return appointment;
  const { doctor_email: _email, ...shown } = appointment;
  return shown as T;
}

export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ['PENDING', 'CONFIRMED'];

const isPatientOf = (p: Principal, a: AppointmentParties) => p.id === a.patient_id;
const isDoctorOf = (p: Principal, a: AppointmentParties) => hasRole(p, 'DOCTOR') && p.id === a.doctor_user_id;

/** An admin sees every appointment; a patient or a doctor only the ones they take part in. */
export function canView(principal: Principal, appointment: AppointmentParties): boolean {
  return hasRole(principal, 'ADMIN') || isPatientOf(principal, appointment) || isDoctorOf(principal, appointment);
}

export const canCancel = canView;

/** Confirming and rescheduling are the clinic's decisions: an admin, or the appointment's doctor. */
export function canManage(principal: Principal, appointment: AppointmentParties): boolean {
  return hasRole(principal, 'ADMIN') || isDoctorOf(principal, appointment);
}

/** A patient moves their own appointment; the clinic (an admin, its doctor) moves any. */
export function canReschedule(principal: Principal, appointment: AppointmentParties): boolean {
  return canManage(principal, appointment) || isPatientOf(principal, appointment);
}

/** Why a change to an appointment is refused by the clock: it has begun, or it is too close to begin. */
export type ChangeRefusal = 'APPOINTMENT_STARTED' | 'CHANGE_CUTOFF_PASSED';

/** Where `now` stands against the patient cut-off: before it, inside it (less than `cutoffHours` to go), or after the start. */
function cutoffPhase(appointment: { start_time: string }, now: Date, cutoffHours: number): 'OPEN' | 'INSIDE' | 'STARTED' {
  const untilStart = new Date(appointment.start_time).getTime() - now.getTime();
  if (untilStart <= 0) return 'STARTED';
  if (untilStart < cutoffHours * 3_600_000) return 'INSIDE';
  return 'OPEN';
}

/**
 * A patient may cancel or move an appointment until `cutoffHours` before its start (that instant
 * included), never once it has started; the clinic's staff (an admin, its doctor) may at any time,
 * as they plan the day around it (with a reason from the cut-off on: `reasonRequired`).
 */
export function changeRefusal(
  principal: Principal,
  appointment: AppointmentParties & { start_time: string },
  now: Date,
  cutoffHours: number,
): ChangeRefusal | undefined {
  if (canManage(principal, appointment)) return undefined;
  const phase = cutoffPhase(appointment, now, cutoffHours);
  if (phase === 'STARTED') return 'APPOINTMENT_STARTED';
  if (phase === 'INSIDE') return 'CHANGE_CUTOFF_PASSED';
  return undefined;
}

/**
 * Staff changing an appointment where its patient no longer could (inside the cut-off, or after the
 * start) say why: the patient is told the reason with the change. The boundary is the patient's: at
 * exactly `cutoffHours` before the start no reason is needed. A reason of blanks is no reason.
 */
export function reasonRequired(
  principal: Principal,
  appointment: AppointmentParties & { start_time: string },
  now: Date,
  cutoffHours: number,
  reason: string | undefined,
): boolean {
  if (!canManage(principal, appointment) || (reason?.trim() ?? '') !== '') return false;
  return cutoffPhase(appointment, now, cutoffHours) !== 'OPEN';
}

/**
 * Whom a booking is for. A patient books for themselves (an id given must be their own); an admin,
 * the front desk, books for the patient named; nobody else books.
 */
export function bookingFor(
  principal: Principal,
  patientId: string | undefined,
): { self: true } | { patientId: string } | 'FORBIDDEN' | 'PATIENT_REQUIRED' {
  if (patientId === undefined || patientId === principal.id) {
    return hasRole(principal, 'PATIENT') ? { self: true } : hasRole(principal, 'ADMIN') ? 'PATIENT_REQUIRED' : 'FORBIDDEN';
  }
  return hasRole(principal, 'ADMIN') ? { patientId } : 'FORBIDDEN';
}

export type Transition = 'CANCEL' | 'CONFIRM' | 'RESCHEDULE' | 'NO_SHOW';

/** The statuses each change may start from. */
const allowedFrom: Record<Transition, readonly AppointmentStatus[]> = {
  CANCEL: ACTIVE_STATUSES,
  CONFIRM: ['PENDING'],
  RESCHEDULE: ['PENDING'],
  // A past confirmed appointment is COMPLETED by the periodic job soon after its end: still a no-show.
  NO_SHOW: ['CONFIRMED', 'COMPLETED'],
};

export function transitionAllowed(transition: Transition, from: AppointmentStatus): boolean {
  return allowedFrom[transition].includes(from);
}

/** A no-show is known only once the appointment's start has come. */
export function noShowTooEarly(appointment: { start_time: string }, now: Date): boolean {
  return new Date(appointment.start_time).getTime() > now.getTime();
}

/**
 * Why a no-show cannot be marked yet: the appointment has not started, or its patient may still
 * arrive (less than `graceMinutes` since the start; exactly then it can be marked).
 */
export function noShowRefusal(
  appointment: { start_time: string },
  now: Date,
  graceMinutes: number,
): 'APPOINTMENT_NOT_STARTED' | 'TOO_EARLY_FOR_NO_SHOW' | undefined {
  if (noShowTooEarly(appointment, now)) return 'APPOINTMENT_NOT_STARTED';
  if (now.getTime() < new Date(appointment.start_time).getTime() + graceMinutes * 60_000) return 'TOO_EARLY_FOR_NO_SHOW';
  return undefined;
}

/**
 * The status a new appointment starts in: a patient's own booking waits for the clinic's confirmation
 * (PENDING); one the front desk made for a patient is CONFIRMED at once, as the clinic itself made it.
 */
export const statusOfNewBooking = (bookedBy: string, patientId: string): 'PENDING' | 'CONFIRMED' =>
  bookedBy === patientId ? 'PENDING' : 'CONFIRMED';

/** The statuses of a patient's history: everything no longer ahead of them. */
export const HISTORY_STATUSES: readonly AppointmentStatus[] = ['COMPLETED', 'CANCELLED', 'EXPIRED', 'NO_SHOW'];

/** The staff listing's scope: an admin sees all, a doctor only their own appointments, whatever they ask for. */
export function listingScope(principal: Principal): { doctorUserId?: string } {
  return hasRole(principal, 'ADMIN') ? {} : { doctorUserId: principal.id };
}

/**
 * Whether the per-patient cap applies to a booking: a patient booking for themselves is capped; the
 * front desk (an admin booking for a patient) is not, since the clinic decides there, face to face.
 */
export const capApplies = (bookedBy: string, patientId: string): boolean => bookedBy === patientId;

/** Whether one more (an appointment ahead, a waitlist entry) would pass the cap: `current` are held already. */
export const capReached = (current: number, max: number): boolean => current >= max;

/**
 * Why a reschedule request carries what its requester may not set: a patient moves their appointment
 * to another time only; the cabinet and the reason told to the doctor are the clinic's to give.
 */
export function rescheduleFieldRefusal(
  principal: Principal,
  appointment: AppointmentParties,
  request: { cabinet_id?: string; reason?: string },
): string | undefined {
  if (canManage(principal, appointment)) return undefined;
  const fields = [...(request.cabinet_id !== undefined ? ['cabinet_id'] : []), ...(request.reason !== undefined ? ['reason'] : [])];
  return fields.length === 0
    ? undefined
    : `A patient moves their appointment to another time only; ${fields.join(' and ')} are set by the clinic`;
}

import { AppError, badRequest, conflict, notFound, type Pool, type Principal } from '@clinic/service-kit';
import type { Appointment } from '@clinic/contracts';
import { appointmentsRepository as appointments } from './repository.ts';
import { canView, changeRefusal, reasonRequired } from './rules.ts';

export interface ChangeRules {
  /** How long before its start a patient can no longer cancel or move their appointment. */
  patientChangeCutoffHours: number;
  /** Published with the rules; the booking worker applies it (booking-worker/book.ts). */
  maxFutureAppointmentsPerPatient: number;
  /** Published with the rules; joining the waitlist applies it (waitlist/use-cases.ts). */
  maxWaitlistEntriesPerPatient: number;
  /** Published with the rules; the booking worker applies it (waitlist/commands.ts). */
  waitlistHoldSeconds: number;
  /** How long after its start an appointment's patient may still arrive: no no-show before. */
  noShowGraceMinutes: number;
}

const refusalMessages = {
  APPOINTMENT_STARTED: 'The appointment has already started; ask the clinic',
  CHANGE_CUTOFF_PASSED: 'The appointment is too close to change online; ask the clinic',
} as const;

/** A 409 when the clock no longer lets this person change the appointment. */
export function requireChangeable(principal: Principal, appointment: Appointment, rules: ChangeRules) {
  const refusal = changeRefusal(principal, appointment, new Date(), rules.patientChangeCutoffHours);
  if (!refusal) return;
  const message =
    refusal === 'CHANGE_CUTOFF_PASSED'
      ? `${refusalMessages[refusal]} (changes close ${rules.patientChangeCutoffHours} h before the start)`
      : refusalMessages[refusal];
  throw conflict(refusal, message);
}

/** A 400 when staff change an appointment inside the patient cut-off (or after its start) without saying why. */
export function requireReason(principal: Principal, appointment: Appointment, reason: string | undefined, rules: ChangeRules) {
  if (!reasonRequired(principal, appointment, new Date(), rules.patientChangeCutoffHours, reason)) return;
  throw badRequest(
    'REASON_REQUIRED',
    `Less than ${rules.patientChangeCutoffHours} h before the start (or after it), the clinic says why it changes an appointment: give a reason`,
    { cutoff_hours: rules.patientChangeCutoffHours },
  );
}

/** Refused at once, before the queue: no schedule makes such an interval bookable. */
export function requireEndAfterStart(interval: { start_time: string; end_time: string }) {
  if (new Date(interval.end_time) <= new Date(interval.start_time)) {
    throw new AppError(400, 'INVALID_INTERVAL', 'end_time must be after start_time');
  }
}

/**
 * A patient books and waits for times for themselves only with a verified email address: the clinic
 * must be able to reach them. The front desk booking for a patient is not asked (the token is the admin's).
 */
export function requireVerifiedEmail(principal: Principal) {
  if (!principal.emailVerified) {
    throw new AppError(
      403,
      'EMAIL_NOT_VERIFIED',
      'Verify your email address first: follow the link emailed to you (POST /api/users/me/verification-email sends it again), then log in again',
    );
  }
}

/** The appointment if the caller may see it; someone else's answers 404 like a missing one. */
export async function visibleAppointment(pool: Pool, principal: Principal, id: string): Promise<Appointment> {
  const appointment = await appointments.findById(pool, id);
  if (!appointment || !canView(principal, appointment)) throw notFound('Appointment');
  return appointment;
}

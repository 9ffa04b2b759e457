import { AppError, constraintViolation, type PoolClient } from '@clinic/service-kit';
import type { Appointment, AppointmentEvent, BookingOutcome, BookingRejectionCode, DoctorBookingProfile } from '@clinic/contracts';
import { memoizedCheckBookable } from '@clinic/scheduling';
import type { Decision } from '../booking/index.ts';

/** An outcome that books nothing, and why. */
export const rejected = (code: BookingRejectionCode, message: string): BookingOutcome => ({ result: 'REJECTED', code, message });
export const slotTaken = () => rejected('SLOT_TAKEN', 'This time is already booked with the doctor');
export const patientBusy = () => rejected('PATIENT_BUSY', 'The patient already has an appointment at this time');

/** Unreachable doctor-service: the command is answered UNAVAILABLE and left undecided, so a retry decides it. */
export const isUnavailable = (error: unknown): error is AppError => error instanceof AppError && error.statusCode >= 500;

export const unavailable = (error: AppError): Decision => ({
  reply: { result: 'UNAVAILABLE', message: `${error.message}; retry with the same Idempotency-Key` },
});

export const eventOf = (
  type: 'CREATED' | 'UPDATED',
  appointment: Appointment,
  details: Pick<AppointmentEvent, 'actorId' | 'reason'>,
): AppointmentEvent => ({
  id: crypto.randomUUID(),
  type,
  occurredAt: new Date().toISOString(),
  appointmentId: appointment.id,
  appointment,
  ...details,
});

/** Runs a change in a savepoint; an overlap the constraints refused is undone and answered. */
export async function inSavepoint(tx: PoolClient, change: () => Promise<Decision>): Promise<Decision> {
  await tx.query('SAVEPOINT command');
  try {
    return await change();
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT command');
    const violation = constraintViolation(error);
    if (violation?.kind !== 'exclusion') throw error;
    return { reply: violation.constraint === 'appointments_patient_no_overlap' ? patientBusy() : slotTaken() };
  }
}

/** What every decision of a worker shares: its settings, its clock and its bookability check. */
export interface DecisionContext {
  /** How long a freed time offered from the waitlist is held for the patient it is offered to. */
  waitlistHoldSeconds: number;
  /** Most active appointments ahead a patient books for themselves (the front desk is not capped). */
  maxFutureAppointmentsPerPatient: number;
  /** The clinic's time zone (CLINIC_TIME_ZONE): the times answers tell, e.g. until when a time is held. */
  clinicTimeZone: string;
  now: () => Date;
  /**
   * Why the doctor's profile refuses [start, end), or undefined when it is bookable: one slot, or with
   * `durationMinutes` (a visit type's) a visit of that length from a slot's start.
   */
  checkInterval: (profile: DoctorBookingProfile, start: string, end: string, durationMinutes?: number) => BookingOutcome | undefined;
}

/** A worker's decision context; its bookability check memoized for the worker's life. */
export function decisionContext(settings: Omit<DecisionContext, 'checkInterval'>): DecisionContext {
  const { now } = settings;
  // checkBookable's work for a doctor's day is done once, not for every command (see memo.ts in @clinic/scheduling).
  const checkBookable = memoizedCheckBookable();

  function checkInterval(profile: DoctorBookingProfile, start: string, end: string, durationMinutes?: number): BookingOutcome | undefined {
    const verdict = checkBookable({
      start: new Date(start),
      end: new Date(end),
      timeZone: profile.time_zone,
      schedule: profile.schedule,
      timeOff: profile.time_off,
      now: now(),
      horizonDays: profile.horizon_days,
      ...(durationMinutes === undefined ? {} : { durationMinutes }),
    });
    return verdict.ok ? undefined : rejected(verdict.code, verdict.message);
  }

  return { ...settings, checkInterval };
}

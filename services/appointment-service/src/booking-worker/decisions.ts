import { AppError, constraintViolation, type PoolClient } from '@clinic/service-kit';
import type { Appointment, AppointmentEvent, BookingOutcome, DoctorBookingProfile } from '@clinic/contracts';
import { memoizedCheckBookable } from '@clinic/scheduling';
import { appointmentsRepository as appointments } from '../appointments/index.ts';
import { patientBusy, rejected, slotTaken, type Decision } from '../booking/index.ts';

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

const TWO_DAYS_MS = 2 * 86_400_000;

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
      minNoticeMinutes: profile.min_notice_minutes,
      // Only the closed days near the start: the memoized check keys its answers by them, and the
      // profile lists years of public holidays.
      closedDays: profile.closed_days.filter((day) => Math.abs(Date.parse(day.date) - Date.parse(start)) < TWO_DAYS_MS),
      ...(durationMinutes === undefined ? {} : { durationMinutes }),
    });
    return verdict.ok ? undefined : rejected(verdict.code, verdict.message);
  }

  return { ...settings, checkInterval };
}

/**
 * TOO_CLOSE when another active appointment of the doctor (not `excludeId`) lies within the doctor's
 * buffer of [start, end); SLOT_TAKEN when one overlaps it. Run in the doctor's booking queue, which
 * decides one doctor's bookings one at a time: the exclusion constraints guard the interval itself only.
 */
export async function bufferRefusal(
  tx: PoolClient,
  profile: DoctorBookingProfile,
  interval: { start: string; end: string; excludeId?: string },
): Promise<BookingOutcome | undefined> {
  const buffer = profile.buffer_minutes * 60_000;
  if (buffer <= 0) return undefined;
  const start = Date.parse(interval.start);
  const end = Date.parse(interval.end);
  const near = await appointments.findActiveOverlap(
    tx,
    { doctorId: profile.doctor.id },
    new Date(start - buffer).toISOString(),
    new Date(end + buffer).toISOString(),
    interval.excludeId,
  );
  if (!near) return undefined;
  if (Date.parse(near.start_time) < end && start < Date.parse(near.end_time)) return slotTaken();
  return rejected('TOO_CLOSE', `The doctor keeps ${profile.buffer_minutes} minutes free between appointments`);
}

import { randomUUID } from 'node:crypto';
import { notFound, type Logger, type Pool, type PoolClient, type Principal } from '@clinic/service-kit';
import type { DoctorCancellation } from '@clinic/contracts';
import type { AppointmentChecks } from '../appointments/index.ts';
import { calendarLocks, canManageCalendar, scheduleHasAppointments } from '../doctors/index.ts';
import { notAllowed } from './calendar-access.ts';
import { schedulesRepository as schedules } from './repository.ts';

/** What a change that takes time away from a doctor needs. */
export interface TakingTimeDeps {
  pool: Pool;
  checks: AppointmentChecks;
  logger: Logger;
}

/**
 * A change that takes time away from the doctor (hours removed, time off added), made on one
 * connection holding the doctor's calendar lock (no other change of that calendar, nor the doctor's
 * deletion, runs meanwhile). `change` commits at once; then appointment-service lists, in the doctor's
 * booking queue, the appointments ahead the changed calendar no longer holds: a booking decided
 * before that is listed, one decided after it is checked against the changed calendar. Listed
 * appointments are cancelled there with `cancellation`; without it the change is undone and refused
 * (409 SCHEDULE_HAS_APPOINTMENTS with the list). When appointment-service cannot answer, even when
 * asked again under the same Idempotency-Key, the change is undone too (503), so no appointment is
 * left without a time unseen. (Only a cancellation decided whose every answer was lost stands with
 * its change undone: its patients were told, as asked, and the admin retries the change.)
 */
export async function takingTime<T>(
  { pool, checks, logger }: TakingTimeDeps,
  principal: Principal,
  doctorId: string,
  cancellation: DoctorCancellation | undefined,
  change: (db: PoolClient) => Promise<{ result: T; undo: () => Promise<unknown> }>,
): Promise<T> {
  const db = await pool.connect();
  let held = false;
  try {
    await calendarLocks.hold(db, doctorId);
    held = true;
    const owner = await schedules.owner(db, doctorId);
    if (!owner) throw notFound('Doctor');
    if (!canManageCalendar(principal, owner)) throw notAllowed();
    const { result, undo } = await change(db);
    const undone = () =>
      undo().catch((error: unknown) => {
        logger.error({ err: error, doctorId }, 'calendar change not undone; the appointments it affects may have no time');
      });
    let affected;
    try {
      affected = await checks.reconcile(doctorId, randomUUID(), cancellation);
    } catch (error) {
      await undone();
      throw error;
    }
    if (!cancellation && affected.appointments.length > 0) {
      await undone();
      throw scheduleHasAppointments(affected.appointments);
    }
    return result;
  } finally {
    const released =
      !held ||
      (await calendarLocks.release(db, doctorId).then(
        () => true,
        () => false,
      ));
    // A connection whose lock may still be held is closed, never handed to another request.
    db.release(!released);
  }
}

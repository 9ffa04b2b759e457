import { AppError, type PoolClient } from '@clinic/service-kit';
import type { BookingCommand, BookingReply, DoctorBookingProfile } from '@clinic/contracts';
import {
  appointmentsAheadRepository as ahead,
  appointmentsRepository as appointments,
  eventsRepository as events,
} from '../appointments/index.ts';
import { affectedAppointment, appointmentsNotFitting } from './rules.ts';

type RetireCommand = Extract<BookingCommand, { kind: 'RETIRE_DOCTOR' }>;
type ReconcileCommand = Extract<BookingCommand, { kind: 'RECONCILE_DOCTOR' }>;

/** A command about a doctor's calendar as a whole, decided in order with the doctor's bookings. */
export type DoctorCommand = RetireCommand | ReconcileCommand;

/**
 * The doctor whose booking profile the worker reads for the command before its batch. A retiring
 * doctor has none (doctor-service answers as if they were gone, which is what every booking decided
 * after the command is to see); a reconciliation checks the appointments against the profile.
 */
export const profileNeededBy = (command: DoctorCommand): string | undefined =>
  command.kind === 'RECONCILE_DOCTOR' ? command.doctor_id : undefined;

/**
 * Decides a doctor command in the batch's transaction, in its own savepoint: if anything fails, what
 * it changed is undone and the error ends the batch there (the worker tries the command again).
 *
 * These commands go through the doctor's booking queue so that they see exactly the bookings decided
 * before them: doctor-service commits its change (the doctor marked retiring, the new time off, the
 * entry removed) before it sends the command, and the worker reads the doctor's profile for a batch
 * after its commands were queued; so every booking decided after the command is checked against the
 * changed calendar, and every booking decided before it is in the list the command answers.
 */
export async function decideDoctorCommand(
  tx: PoolClient,
  command: DoctorCommand,
  profile: DoctorBookingProfile | undefined | Error,
): Promise<{ reply: BookingReply }> {
  await tx.query('SAVEPOINT doctor_command');
  try {
    return { reply: await decide(tx, command, profile) };
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT doctor_command');
    throw error;
  }
}

async function decide(tx: PoolClient, command: DoctorCommand, profile: DoctorBookingProfile | undefined | Error): Promise<BookingReply> {
  if (command.kind === 'RETIRE_DOCTOR') {
    const remaining = await ahead.ofDoctor(tx, command.doctor_id, { until: 'end' });
    return { result: 'RETIREMENT_CHECKED', appointments: remaining.map(affectedAppointment) };
  }
  if (profile instanceof Error) {
    const message = profile instanceof AppError ? profile.message : 'doctor-service is unreachable';
    return { result: 'UNAVAILABLE', message: `${message}; retry` };
  }
  if (!profile) return { result: 'REJECTED', code: 'DOCTOR_NOT_FOUND', message: 'Doctor not found' };
  const { cancellation } = command;
  // Appointments already begun keep their time: a calendar change cannot take it back any more.
  const upcoming = await ahead.ofDoctor(tx, command.doctor_id, { until: 'start', lock: cancellation !== undefined });
  const misfits = appointmentsNotFitting(upcoming, profile);
  if (cancellation) {
    for (const misfit of misfits) {
      const cancelled = await appointments.setStatus(tx, misfit.id, 'CANCELLED');
      await events.record(tx, 'CANCELLED', cancelled, { cancelledBy: cancellation.cancelled_by, reason: cancellation.reason });
    }
  }
  return {
    result: 'RECONCILED',
    appointments: misfits.map(affectedAppointment),
    cancelled: cancellation !== undefined && misfits.length > 0,
  };
}

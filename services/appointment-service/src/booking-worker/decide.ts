import type { AppError, PoolClient } from '@clinic/service-kit';
import type { BookingCommand } from '@clinic/contracts';
import {
  appointmentsAheadRepository as ahead,
  appointmentsRepository as appointments,
  eventsRepository as events,
} from '../appointments/index.ts';
import type { Decision } from '../booking/index.ts';
import { decideDoctorCommand } from '../doctor-calendar/index.ts';
import { decideOfferTime } from '../waitlist/index.ts';
import { book } from './book.ts';
import { unavailable, type DecisionContext } from './decisions.ts';
import { doctorOf, type Found, type Lookups } from './lookups.ts';
import { reschedule } from './reschedule.ts';

type PatientLeftCommand = Extract<BookingCommand, { kind: 'PATIENT_LEFT' }>;

/** OFFER_TIME: the waitlist decides it (waitlist/commands.ts), with the doctor's profile and the worker's clock. */
async function offerTime(
  tx: PoolClient,
  command: Extract<BookingCommand, { kind: 'OFFER_TIME' }>,
  found: Lookups,
  ctx: DecisionContext,
): Promise<Decision> {
  const profile = found.profiles.get(command.doctor_id);
  if (profile instanceof Error) return unavailable(profile as AppError);
  return decideOfferTime(tx, command, profile, {
    now: ctx.now(),
    holdSeconds: ctx.waitlistHoldSeconds,
    bookable: (p) => ctx.checkInterval(p, command.start_time, command.end_time) === undefined,
  });
}

/**
 * A deleted patient's appointments ahead are cancelled, each with its CANCELLED event (by the clinic,
 * the reason told in each recipient's language), in its own savepoint: a failure undoes it and ends
 * the batch there. The times freed are no longer known as booked.
 */
async function patientLeft(tx: PoolClient, command: PatientLeftCommand, found: Found): Promise<Decision> {
  await tx.query('SAVEPOINT patient_left');
  try {
    const upcoming = await ahead.ofPatientLocked(tx, command.patient_id);
    for (const appointment of upcoming) {
      const cancelled = await appointments.setStatus(tx, appointment.id, 'CANCELLED');
      await events.record(tx, 'CANCELLED', cancelled, { cancelledBy: 'ADMIN', reasonCode: 'PATIENT_ACCOUNT_DELETED' });
      found.booked.forget(appointment.doctor_id);
    }
    return { reply: { result: 'PATIENT_LEFT', cancelled: upcoming.length } };
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT patient_left');
    throw error;
  }
}

/** Each kind of command to the function that decides it. */
export function decide(tx: PoolClient, command: BookingCommand, found: Found, ctx: DecisionContext): Promise<Decision> {
  // Anything but a booking can free or move a doctor's times: from here on the database alone knows them.
  if (command.kind !== 'BOOK') {
    const doctorId = doctorOf(command, found.current);
    if (doctorId) found.booked.forget(doctorId);
  }
  switch (command.kind) {
    case 'BOOK':
      return book(tx, command, found, ctx);
    case 'RESCHEDULE':
      return reschedule(tx, command, found, ctx);
    case 'OFFER_TIME':
      return offerTime(tx, command, found, ctx);
    case 'RETIRE_DOCTOR':
    case 'RECONCILE_DOCTOR':
      return decideDoctorCommand(tx, command, found.profiles.get(command.doctor_id));
    case 'PATIENT_LEFT':
      return patientLeft(tx, command, found);
  }
}

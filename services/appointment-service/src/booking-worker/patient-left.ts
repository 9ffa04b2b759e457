import type { PoolClient } from '@clinic/service-kit';
import type { BookingCommand } from '@clinic/contracts';
import {
  appointmentsAheadRepository as ahead,
  appointmentsRepository as appointments,
  eventsRepository as events,
} from '../appointments/index.ts';
import type { Decision } from '../booking/index.ts';
import type { Found } from './lookups.ts';

type PatientLeftCommand = Extract<BookingCommand, { kind: 'PATIENT_LEFT' }>;

/**
 * A deleted patient's appointments ahead are cancelled, each with its CANCELLED event (by the clinic,
 * the reason told in each recipient's language), in its own savepoint: a failure undoes it and ends
 * the batch there. The times freed are no longer known as booked.
 */
export async function patientLeft(tx: PoolClient, command: PatientLeftCommand, found: Found): Promise<Decision> {
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

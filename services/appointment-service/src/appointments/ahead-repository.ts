import type { Queryable } from '@clinic/service-kit';
import type { Appointment } from '@clinic/contracts';
import { appointmentColumns } from './repository.ts';

/**
 * The active (PENDING, CONFIRMED) appointments still ahead of a doctor or a patient: what a doctor's
 * departure, a change of their calendar or a user's new name or deleted account concerns.
 */
export const appointmentsAheadRepository = {
  /**
   * A doctor's active appointments, earliest first: those not ended yet (`until: 'end'`, a doctor does
   * not leave in the middle of one), or those not started yet (`until: 'start'`). `lock` locks them
   * until the transaction ends (a cancellation by anyone else waits, and is seen).
   */
  async ofDoctor(db: Queryable, doctorId: string, options: { until: 'start' | 'end'; lock?: boolean }): Promise<Appointment[]> {
    const { rows } = await db.query<Appointment>(
      `SELECT ${appointmentColumns} FROM appointments
       WHERE doctor_id = $1 AND status IN ('PENDING', 'CONFIRMED') AND ${options.until === 'end' ? 'end_time' : 'start_time'} > now()
       ORDER BY start_time, id${options.lock ? ' FOR UPDATE' : ''}`,
      [doctorId],
    );
    return rows;
  },

  /** A patient's active appointments not started yet, earliest first, locked until the transaction ends. */
  async ofPatientLocked(db: Queryable, patientId: string): Promise<Appointment[]> {
    const { rows } = await db.query<Appointment>(
      `SELECT ${appointmentColumns} FROM appointments
       WHERE patient_id = $1 AND status IN ('PENDING', 'CONFIRMED') AND start_time > now()
       ORDER BY start_time, id FOR UPDATE`,
      [patientId],
    );
    return rows;
  },

  /**
   * The user's name and email on the active appointments ahead, as patient and as doctor: what their
   * PDFs, emails and calendar entries show from now on. Past appointments keep what they showed.
   */
  async renameUser(db: Queryable, userId: string, name: string, email: string): Promise<number> {
    const patients = await db.query(
      `UPDATE appointments SET patient_name = $2, patient_email = $3, updated_at = now()
       WHERE patient_id = $1 AND status IN ('PENDING', 'CONFIRMED') AND start_time > now()
         AND (patient_name, patient_email) IS DISTINCT FROM ($2, $3)`,
      [userId, name, email],
    );
    const doctors = await db.query(
      `UPDATE appointments SET doctor_name = $2, doctor_email = $3, updated_at = now()
       WHERE doctor_user_id = $1 AND status IN ('PENDING', 'CONFIRMED') AND start_time > now()
         AND (doctor_name, doctor_email) IS DISTINCT FROM ($2, $3)`,
      [userId, name, email],
    );
    return (patients.rowCount ?? 0) + (doctors.rowCount ?? 0);
  },
};

/** The newest user event applied per user, so an older one delivered late changes nothing. */
export const userSnapshotsRepository = {
  /**
   * Records that the user's profile as of `asOf` is being applied; false when a profile as new or newer
   * was applied before (the event is stale or a redelivery). The row stays locked until the transaction
   * ends, so two events of one user are applied one after the other.
   */
  async claimNewer(db: Queryable, userId: string, asOf: string): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO user_snapshots (user_id, as_of) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET as_of = EXCLUDED.as_of WHERE user_snapshots.as_of < EXCLUDED.as_of`,
      [userId, asOf],
    );
    return rowCount === 1;
  },
};

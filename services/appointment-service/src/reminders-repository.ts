import { inTransaction, type Pool } from '@clinic/service-kit';
import type { Appointment, AppointmentEvent } from '@clinic/contracts';
import { ACTIVE_STATUSES } from './appointment-rules.ts';
import { appointmentsRepository as appointments, eventsRepository as events } from './appointments-repository.ts';

type Row = Omit<Appointment, 'start_time' | 'end_time' | 'created_at' | 'updated_at'> &
  Record<'start_time' | 'end_time' | 'created_at' | 'updated_at', Date>;

const iso = (row: Row): Appointment => ({
  ...row,
  start_time: row.start_time.toISOString(),
  end_time: row.end_time.toISOString(),
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});

/** A REMINDER_DUE belongs to one start time: an appointment moved to another day is reminded again. */
const REMINDED = `EXISTS (SELECT 1 FROM appointment_events e WHERE e.appointment_id = a.id AND e.type = 'REMINDER_DUE'
  AND (e.payload -> 'appointment' ->> 'start_time')::timestamptz = a.start_time)`;

/** What notification-service's reminder worker asks of appointments (internal routes). */
export const remindersRepository = {
  /** PENDING and CONFIRMED appointments starting in [from, to), by start; optionally only those not reminded yet. */
  async due(pool: Pool, from: string, to: string, unremindedOnly: boolean): Promise<Appointment[]> {
    const { rows } = await pool.query<Row>(
      `SELECT a.* FROM appointments a
       WHERE a.status = ANY($1::text[]) AND a.start_time >= $2 AND a.start_time < $3 AND (NOT $4 OR NOT ${REMINDED})
       ORDER BY a.start_time, a.id`,
      [ACTIVE_STATUSES, from, to, unremindedOnly],
    );
    return rows.map(iso);
  },

  /**
   * Records REMINDER_DUE for the appointment's current start time, unless one exists already or the
   * appointment is no longer active. The row lock makes replicas asking at once record it once.
   */
  async recordDue(pool: Pool, id: string): Promise<{ found: boolean; event?: AppointmentEvent }> {
    return inTransaction(pool, async (tx) => {
      const current = await appointments.findById(tx, id, { lock: true });
      if (!current) return { found: false };
      if (!ACTIVE_STATUSES.includes(current.status)) return { found: true };
      const { rows } = await tx.query(`SELECT 1 FROM appointments a WHERE a.id = $1 AND ${REMINDED}`, [id]);
      if (rows.length > 0) return { found: true };
      return { found: true, event: await events.record(tx, 'REMINDER_DUE', current) };
    });
  },
};

import { inTransaction, type Pool, type Queryable } from '@clinic/service-kit';
import type { Appointment, AppointmentEvent } from '@clinic/contracts';
import { ACTIVE_STATUSES } from './rules.ts';
import { appointmentColumns, appointmentsRepository as appointments } from './repository.ts';
import { eventsRepository as events } from './events-repository.ts';

/** A REMINDER_DUE belongs to one start time: an appointment moved to another day is reminded again. */
const REMINDED = `EXISTS (SELECT 1 FROM appointment_events e WHERE e.appointment_id = a.id AND e.type = 'REMINDER_DUE'
  AND (e.payload -> 'appointment' ->> 'start_time')::timestamptz = a.start_time)`;

/** What notification-service's reminder worker asks of appointments (internal routes). */
export const remindersRepository = {
  /** PENDING and CONFIRMED appointments starting in [from, to), by start; optionally only those not reminded yet. */
  async due(db: Queryable, from: string, to: string, unremindedOnly: boolean): Promise<Appointment[]> {
    const { rows } = await db.query<Appointment>(
      `SELECT ${appointmentColumns} FROM appointments a
       WHERE a.status = ANY($1::text[]) AND a.start_time >= $2 AND a.start_time < $3 AND (NOT $4 OR NOT ${REMINDED})
       ORDER BY a.start_time, a.id`,
      [ACTIVE_STATUSES, from, to, unremindedOnly],
    );
    return rows;
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

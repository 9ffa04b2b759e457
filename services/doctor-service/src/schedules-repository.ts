import { inTransaction, type Pool, type PoolClient } from '@clinic/service-kit';
import type { ScheduleEntry, ScheduleEntryInput, TimeOff } from '@clinic/scheduling';
import { translatingViolations } from './constraint-violations.ts';
import { selectPage, type PageOf, type PageRequest } from './sql.ts';

// Rows in the shape of @clinic/scheduling, which computes with them.
const entryColumns = `id, weekday, to_char(start_time, 'HH24:MI') AS "startTime", to_char(end_time, 'HH24:MI') AS "endTime",
  slot_minutes AS "slotMinutes", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"`;
const timeOffColumns = `id, to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate", reason`;

/** A doctor whose row is locked for the rest of the transaction, with their schedule. */
export interface LockedDoctor {
  user_id: string;
  entries(): Promise<ScheduleEntry[]>;
  insertEntry(entry: ScheduleEntryInput): Promise<ScheduleEntry>;
}

async function entriesOf(db: Pool | PoolClient, doctorId: string): Promise<ScheduleEntry[]> {
  const { rows } = await db.query<ScheduleEntry>(
    `SELECT ${entryColumns} FROM schedules WHERE doctor_id = $1 ORDER BY weekday, start_time, valid_from NULLS FIRST, id`,
    [doctorId],
  );
  return rows;
}

export function schedulesRepository(pool: Pool) {
  return {
    entries: (doctorId: string) => entriesOf(pool, doctorId),

    /**
     * Runs `work` in a transaction holding the doctor's row lock (undefined when there is no such doctor),
     * so that schedule changes of one doctor happen one after the other: two overlapping entries sent at
     * once cannot both pass the overlap check.
     */
    withDoctorLocked<T>(doctorId: string, work: (doctor: LockedDoctor | undefined) => Promise<T>): Promise<T> {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ user_id: string }>('SELECT user_id FROM doctors WHERE id = $1 FOR UPDATE', [doctorId]);
        if (!rows[0]) return work(undefined);
        return work({
          user_id: rows[0].user_id,
          entries: () => entriesOf(client, doctorId),
          async insertEntry(entry) {
            const inserted = await client.query<ScheduleEntry>(
              `INSERT INTO schedules (doctor_id, weekday, start_time, end_time, slot_minutes, valid_from, valid_to)
               VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${entryColumns}`,
              [doctorId, entry.weekday, entry.startTime, entry.endTime, entry.slotMinutes, entry.validFrom ?? null, entry.validTo ?? null],
            );
            return inserted.rows[0]!;
          },
        });
      });
    },

    async removeEntry(doctorId: string, entryId: string): Promise<boolean> {
      const { rowCount } = await pool.query('DELETE FROM schedules WHERE id = $1 AND doctor_id = $2', [entryId, doctorId]);
      return (rowCount ?? 0) > 0;
    },

    timeOff(doctorId: string, page: PageRequest): Promise<PageOf<TimeOff>> {
      return selectPage<TimeOff>(pool, `SELECT ${timeOffColumns} FROM time_off WHERE doctor_id = $1`, [doctorId], '"startDate", id', page);
    },

    /**
     * Whether the doctor exists, their schedule and their time off on the date, in one round trip
     * (available slots asks it on every request).
     */
    async calendarOn(doctorId: string, date: string): Promise<{ found: boolean; schedule: ScheduleEntry[]; timeOff: TimeOff[] }> {
      const { rows } = await pool.query<{ found: boolean; schedule: ScheduleEntry[]; time_off: TimeOff[] }>(
        `SELECT EXISTS (SELECT 1 FROM doctors WHERE id = $1) AS found,
           coalesce((SELECT json_agg(e ORDER BY e.weekday, e."startTime", e."validFrom" NULLS FIRST, e.id)
                     FROM (SELECT ${entryColumns} FROM schedules WHERE doctor_id = $1) e), '[]') AS schedule,
           coalesce((SELECT json_agg(t) FROM (SELECT ${timeOffColumns} FROM time_off
                     WHERE doctor_id = $1 AND start_date <= $2 AND end_date >= $2) t), '[]') AS time_off`,
        [doctorId, date],
      );
      const { found, schedule, time_off } = rows[0]!;
      return { found, schedule, timeOff: time_off };
    },

    async timeOffOn(doctorId: string, date: string): Promise<TimeOff[]> {
      const { rows } = await pool.query<TimeOff>(
        `SELECT ${timeOffColumns} FROM time_off WHERE doctor_id = $1 AND start_date <= $2 AND end_date >= $2`,
        [doctorId, date],
      );
      return rows;
    },

    /** Time off that has not ended by today in the time zone: all that can still matter to a booking. */
    async timeOffAhead(doctorId: string, timeZone: string): Promise<TimeOff[]> {
      const { rows } = await pool.query<TimeOff>(
        `SELECT ${timeOffColumns} FROM time_off WHERE doctor_id = $1 AND end_date >= (now() AT TIME ZONE $2)::date
         ORDER BY start_date, id`,
        [doctorId, timeZone],
      );
      return rows;
    },

    insertTimeOff: (doctorId: string, timeOff: Omit<TimeOff, 'id'>): Promise<TimeOff> =>
      translatingViolations('write', async () => {
        const { rows } = await pool.query<TimeOff>(
          `INSERT INTO time_off (doctor_id, start_date, end_date, reason) VALUES ($1, $2, $3, $4) RETURNING ${timeOffColumns}`,
          [doctorId, timeOff.startDate, timeOff.endDate, timeOff.reason],
        );
        return rows[0]!;
      }),

    async removeTimeOff(doctorId: string, timeOffId: string): Promise<boolean> {
      const { rowCount } = await pool.query('DELETE FROM time_off WHERE id = $1 AND doctor_id = $2', [timeOffId, doctorId]);
      return (rowCount ?? 0) > 0;
    },
  };
}

export type SchedulesRepository = ReturnType<typeof schedulesRepository>;

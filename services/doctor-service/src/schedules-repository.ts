import { clockTime, isoDate, selectPage, type PageOf, type PageRequest, type PoolClient, type Queryable } from '@clinic/service-kit';
import type { ScheduleEntry, ScheduleEntryInput, TimeOff } from '@clinic/scheduling';

// Rows in the shape of @clinic/scheduling, which computes with them.
const entryColumns = `id, weekday, ${clockTime('start_time')} AS "startTime", ${clockTime('end_time')} AS "endTime",
  slot_minutes AS "slotMinutes", ${isoDate('valid_from')} AS "validFrom", ${isoDate('valid_to')} AS "validTo"`;
const timeOffColumns = `id, ${isoDate('start_date')} AS "startDate", ${isoDate('end_date')} AS "endDate", reason`;

export const schedulesRepository = {
  async entries(db: Queryable, doctorId: string): Promise<ScheduleEntry[]> {
    const { rows } = await db.query<ScheduleEntry>(
      `SELECT ${entryColumns} FROM schedules WHERE doctor_id = $1 ORDER BY weekday, start_time, valid_from NULLS FIRST, id`,
      [doctorId],
    );
    return rows;
  },

  /**
   * Locks the doctor's row for the rest of the transaction `tx` (undefined when there is no such doctor),
   * so that schedule changes of one doctor happen one after the other: two overlapping entries sent at
   * once cannot both pass the overlap check.
   */
  async lockDoctor(tx: PoolClient, doctorId: string): Promise<{ user_id: string } | undefined> {
    const { rows } = await tx.query<{ user_id: string }>('SELECT user_id FROM doctors WHERE id = $1 FOR UPDATE', [doctorId]);
    return rows[0];
  },

  async insertEntry(db: Queryable, doctorId: string, entry: ScheduleEntryInput): Promise<ScheduleEntry> {
    const { rows } = await db.query<ScheduleEntry>(
      `INSERT INTO schedules (doctor_id, weekday, start_time, end_time, slot_minutes, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${entryColumns}`,
      [doctorId, entry.weekday, entry.startTime, entry.endTime, entry.slotMinutes, entry.validFrom ?? null, entry.validTo ?? null],
    );
    return rows[0]!;
  },

  async removeEntry(db: Queryable, doctorId: string, entryId: string): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM schedules WHERE id = $1 AND doctor_id = $2', [entryId, doctorId]);
    return (rowCount ?? 0) > 0;
  },

  timeOff(db: Queryable, doctorId: string, page: PageRequest): Promise<PageOf<TimeOff>> {
    return selectPage<TimeOff>(db, `SELECT ${timeOffColumns} FROM time_off WHERE doctor_id = $1`, [doctorId], '"startDate", id', page);
  },

  /**
   * Whether the doctor exists, their schedule and their time off on the date, in one round trip
   * (available slots asks it on every request).
   */
  async calendarOn(
    db: Queryable,
    doctorId: string,
    date: string,
  ): Promise<{ found: boolean; schedule: ScheduleEntry[]; timeOff: TimeOff[] }> {
    const { rows } = await db.query<{ found: boolean; schedule: ScheduleEntry[]; time_off: TimeOff[] }>(
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

  /** Time off that has not ended by today in the time zone: all that can still matter to a booking. */
  async timeOffAhead(db: Queryable, doctorId: string, timeZone: string): Promise<TimeOff[]> {
    const { rows } = await db.query<TimeOff>(
      `SELECT ${timeOffColumns} FROM time_off WHERE doctor_id = $1 AND end_date >= (now() AT TIME ZONE $2)::date
       ORDER BY start_date, id`,
      [doctorId, timeZone],
    );
    return rows;
  },

  async insertTimeOff(db: Queryable, doctorId: string, timeOff: Omit<TimeOff, 'id'>): Promise<TimeOff> {
    const { rows } = await db.query<TimeOff>(
      `INSERT INTO time_off (doctor_id, start_date, end_date, reason) VALUES ($1, $2, $3, $4) RETURNING ${timeOffColumns}`,
      [doctorId, timeOff.startDate, timeOff.endDate, timeOff.reason],
    );
    return rows[0]!;
  },

  async removeTimeOff(db: Queryable, doctorId: string, timeOffId: string): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM time_off WHERE id = $1 AND doctor_id = $2', [timeOffId, doctorId]);
    return (rowCount ?? 0) > 0;
  },
};

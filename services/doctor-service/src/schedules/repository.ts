import { clockTime, isoDate, selectPage, type PageOf, type PageRequest, type PoolClient, type Queryable } from '@clinic/service-kit';
import type { ClosedDay } from '@clinic/contracts';
import type { ScheduleEntry, ScheduleEntryInput, TimeOff } from '@clinic/scheduling';
import { calendarLocks } from '../doctors/index.ts';

// Rows in the shape of @clinic/scheduling, which computes with them.
const entryColumns = `id, weekday, ${clockTime('start_time')} AS "startTime", ${clockTime('end_time')} AS "endTime",
  slot_minutes AS "slotMinutes", ${isoDate('valid_from')} AS "validFrom", ${isoDate('valid_to')} AS "validTo"`;
const timeOffColumns = `id, ${isoDate('start_date')} AS "startDate", ${isoDate('end_date')} AS "endDate", reason`;

/** What a doctor's free slots are computed from, before anything booked is taken out. */
export interface DoctorCalendar {
  /** Whether the doctor exists and is not being deleted. */
  found: boolean;
  schedule: ScheduleEntry[];
  /** Time off that had not ended by the day the calendar was read. */
  timeOff: TimeOff[];
  /** The doctor's own minimum notice and buffer; null: the clinic's default. */
  own: { minNoticeMinutes: number | null; bufferMinutes: number | null };
  /** The clinic's closed days from the day the calendar was read on. */
  closedDays: ClosedDay[];
}

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
    await calendarLocks.inTransaction(tx, doctorId);
    const { rows } = await tx.query<{ user_id: string }>(
      'SELECT user_id FROM doctors WHERE id = $1 AND retiring_since IS NULL FOR UPDATE',
      [doctorId],
    );
    return rows[0];
  },

  /** Whose calendar it is: the doctor's user, unless the doctor is unknown or retiring. */
  async owner(db: Queryable, doctorId: string): Promise<{ user_id: string } | undefined> {
    const { rows } = await db.query<{ user_id: string }>('SELECT user_id FROM doctors WHERE id = $1 AND retiring_since IS NULL', [
      doctorId,
    ]);
    return rows[0];
  },

  /** Removes the entry and answers it (to put it back if the change is refused); undefined when not the doctor's. */
  async takeEntry(db: Queryable, doctorId: string, entryId: string): Promise<ScheduleEntry | undefined> {
    const { rows } = await db.query<ScheduleEntry>(`DELETE FROM schedules WHERE id = $1 AND doctor_id = $2 RETURNING ${entryColumns}`, [
      entryId,
      doctorId,
    ]);
    return rows[0];
  },

  /** Puts back an entry taken out, with its id. */
  async restoreEntry(db: Queryable, doctorId: string, entry: ScheduleEntry): Promise<void> {
    await db.query(
      `INSERT INTO schedules (id, doctor_id, weekday, start_time, end_time, slot_minutes, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [entry.id, doctorId, entry.weekday, entry.startTime, entry.endTime, entry.slotMinutes, entry.validFrom, entry.validTo],
    );
  },

  async insertEntry(db: Queryable, doctorId: string, entry: ScheduleEntryInput): Promise<ScheduleEntry> {
    const { rows } = await db.query<ScheduleEntry>(
      `INSERT INTO schedules (doctor_id, weekday, start_time, end_time, slot_minutes, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${entryColumns}`,
      [doctorId, entry.weekday, entry.startTime, entry.endTime, entry.slotMinutes, entry.validFrom ?? null, entry.validTo ?? null],
    );
    return rows[0]!;
  },

  timeOff(db: Queryable, doctorId: string, page: PageRequest): Promise<PageOf<TimeOff>> {
    return selectPage<TimeOff>(db, `SELECT ${timeOffColumns} FROM time_off WHERE doctor_id = $1`, [doctorId], '"startDate", id', page);
  },

  /**
   * Whether the doctor exists (and is not retiring), their schedule and their time off that has not
   * ended by today in the time zone, in one round trip: the calendar available slots are computed from.
   */
  async calendar(db: Queryable, doctorId: string, timeZone: string): Promise<DoctorCalendar> {
    const { rows } = await db.query<{
      found: boolean;
      schedule: ScheduleEntry[];
      time_off: TimeOff[];
      own: DoctorCalendar['own'] | null;
      closed_days: ClosedDay[];
    }>(
      `SELECT EXISTS (SELECT 1 FROM doctors WHERE id = $1 AND retiring_since IS NULL) AS found,
         coalesce((SELECT json_agg(e ORDER BY e.weekday, e."startTime", e."validFrom" NULLS FIRST, e.id)
                   FROM (SELECT ${entryColumns} FROM schedules WHERE doctor_id = $1) e), '[]') AS schedule,
         coalesce((SELECT json_agg(t ORDER BY t."startDate", t.id) FROM (SELECT ${timeOffColumns} FROM time_off
                   WHERE doctor_id = $1 AND end_date >= (now() AT TIME ZONE $2)::date) t), '[]') AS time_off,
         (SELECT json_build_object('minNoticeMinutes', min_notice_minutes, 'bufferMinutes', buffer_minutes)
            FROM doctors WHERE id = $1) AS own,
         coalesce((SELECT json_agg(c ORDER BY c.date) FROM (SELECT ${isoDate('date')} AS date, name_ro, name_en FROM closed_days
                   WHERE date >= (now() AT TIME ZONE $2)::date) c), '[]') AS closed_days`,
      [doctorId, timeZone],
    );
    const { found, schedule, time_off, own, closed_days } = rows[0]!;
    return { found, schedule, timeOff: time_off, own: own ?? { minNoticeMinutes: null, bufferMinutes: null }, closedDays: closed_days };
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

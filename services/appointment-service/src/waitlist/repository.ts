import { isoDate, isoTimestamp, selectPage, type PageOf, type PageRequest, type Queryable } from '@clinic/service-kit';
import type { WaitlistEntry, WaitlistEntryStatus } from '@clinic/contracts';
import type { OverlappingHold, WaitingCandidate } from './rules.ts';

/** An entry with the time held for it now (an ACTIVE hold, expired or not), as `WaitlistEntry` says. */
const entrySelect = `SELECT e.id, e.patient_id, e.patient_name, e.doctor_id, e.doctor_name,
    ${isoDate('e.date_from')} AS date_from, ${isoDate('e.date_to')} AS date_to, e.status,
    CASE WHEN h.id IS NULL THEN NULL ELSE json_build_object('hold_id', h.id, 'start_time', ${isoTimestamp('h.start_time')},
      'end_time', ${isoTimestamp('h.end_time')}, 'expires_at', ${isoTimestamp('h.expires_at')}) END AS offer,
    ${isoTimestamp('e.created_at')} AS created_at
  FROM waitlist_entries e LEFT JOIN slot_holds h ON h.entry_id = e.id AND h.status = 'ACTIVE'`;

export interface NewWaitlistEntry {
  patient_id: string;
  patient_name: string;
  doctor_id: string;
  doctor_user_id: string;
  doctor_name: string;
  date_from: string;
  date_to: string;
}

/** A time held for one waiting patient. */
export interface SlotHold {
  id: string;
  doctor_id: string;
  patient_id: string;
  entry_id: string;
  start_time: string;
  end_time: string;
  expires_at: string;
  status: 'ACTIVE' | 'BOOKED' | 'LAPSED' | 'RELEASED';
}

export const holdColumns = `id, doctor_id, patient_id, entry_id, ${isoTimestamp('start_time')} AS start_time,
  ${isoTimestamp('end_time')} AS end_time, ${isoTimestamp('expires_at')} AS expires_at, status`;

export const waitlistRepository = {
  /** Adds the entry, WAITING; the unique index `waitlist_entries_active_unique` refuses a second active one. */
  async insert(db: Queryable, entry: NewWaitlistEntry): Promise<WaitlistEntry> {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO waitlist_entries (patient_id, patient_name, doctor_id, doctor_user_id, doctor_name, date_from, date_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [entry.patient_id, entry.patient_name, entry.doctor_id, entry.doctor_user_id, entry.doctor_name, entry.date_from, entry.date_to],
    );
    return (await this.findById(db, rows[0]!.id))!;
  },

  async findById(db: Queryable, id: string): Promise<WaitlistEntry | undefined> {
    const { rows } = await db.query<WaitlistEntry>(`${entrySelect} WHERE e.id = $1`, [id]);
    return rows[0];
  },

  /** The entry's status and patient, locked until the transaction ends. */
  async lock(db: Queryable, id: string): Promise<{ patient_id: string; status: WaitlistEntryStatus } | undefined> {
    const { rows } = await db.query<{ patient_id: string; status: WaitlistEntryStatus }>(
      'SELECT patient_id, status FROM waitlist_entries WHERE id = $1 FOR UPDATE',
      [id],
    );
    return rows[0];
  },

  async setStatus(db: Queryable, id: string, status: WaitlistEntryStatus): Promise<void> {
    await db.query('UPDATE waitlist_entries SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
  },

  /** The patient's entries still in use (not removed) whose range has not ended by `today`, newest first. */
  async listForPatient(db: Queryable, patientId: string, today: string): Promise<WaitlistEntry[]> {
    const { rows } = await db.query<WaitlistEntry>(
      `${entrySelect} WHERE e.patient_id = $1 AND e.status <> 'REMOVED' AND e.date_to >= $2 ORDER BY e.created_at DESC, e.id`,
      [patientId, today],
    );
    return rows;
  },

  /** Every entry of the patient, any status or range, oldest first (their export). */
  async listAllForPatient(db: Queryable, patientId: string): Promise<WaitlistEntry[]> {
    const { rows } = await db.query<WaitlistEntry>(`${entrySelect} WHERE e.patient_id = $1 ORDER BY e.created_at, e.id`, [patientId]);
    return rows;
  },

  /** A doctor's waiters (WAITING and OFFERED) in the order they are told: first come first. */
  listForDoctor(db: Queryable, doctorId: string, page: PageRequest): Promise<PageOf<WaitlistEntry>> {
    return selectPage<WaitlistEntry>(
      db,
      `${entrySelect} WHERE e.doctor_id = $1 AND e.status IN ('WAITING', 'OFFERED')`,
      [doctorId],
      'created_at, id',
      page,
    );
  },

  /** Whether anyone waits for a time of the doctor at all (most freed times have nobody waiting). */
  async anyWaiting(db: Queryable, doctorId: string): Promise<boolean> {
    const { rows } = await db.query(`SELECT 1 FROM waitlist_entries WHERE doctor_id = $1 AND status = 'WAITING' LIMIT 1`, [doctorId]);
    return rows.length > 0;
  },

  /**
   * The WAITING entries of the doctor whose range covers `date`, oldest first, each locked (an entry a
   * patient is removing right now is skipped), with whether its patient is busy during [start, end)
   * and whether they let a hold of this time lapse before.
   */
  async candidates(db: Queryable, doctorId: string, date: string, start: string, end: string): Promise<WaitingCandidate[]> {
    const { rows } = await db.query<WaitingCandidate>(
      `SELECT e.id AS entry_id, e.patient_id, ${isoTimestamp('e.created_at')} AS created_at,
         ${isoDate('e.date_from')} AS date_from, ${isoDate('e.date_to')} AS date_to,
         EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = e.patient_id AND a.status IN ('PENDING', 'CONFIRMED')
           AND tstzrange(a.start_time, a.end_time) && tstzrange($3::timestamptz, $4::timestamptz)) AS busy,
         EXISTS (SELECT 1 FROM slot_holds h WHERE h.patient_id = e.patient_id AND h.doctor_id = e.doctor_id AND h.status = 'LAPSED'
           AND tstzrange(h.start_time, h.end_time) && tstzrange($3::timestamptz, $4::timestamptz)) AS lapsed_before
       FROM waitlist_entries e
       WHERE e.doctor_id = $1 AND e.status = 'WAITING' AND e.date_from <= $2::date AND e.date_to >= $2::date
       ORDER BY e.created_at, e.id LIMIT 100 FOR UPDATE OF e SKIP LOCKED`,
      [doctorId, date, start, end],
    );
    return rows;
  },
};

export const holdsRepository = {
  /** Holds still running: ACTIVE and not yet past their expiry (a lapsed one waits for the lapse job). */
  async activeCount(db: Queryable): Promise<number> {
    const { rows } = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM slot_holds WHERE status = 'ACTIVE' AND expires_at > now()`,
    );
    return rows[0]!.count;
  },

  /** The database's clock, which every hold runs on (in a transaction: its start, the `now()` of its statements). */
  async clock(db: Queryable): Promise<Date> {
    const { rows } = await db.query<{ now: Date }>('SELECT now() AS now');
    return new Date(rows[0]!.now);
  },

  async insert(
    db: Queryable,
    hold: { doctor_id: string; patient_id: string; entry_id: string; start_time: string; end_time: string; expires_at: string },
  ): Promise<SlotHold> {
    const { rows } = await db.query<SlotHold>(
      `INSERT INTO slot_holds (doctor_id, patient_id, entry_id, start_time, end_time, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${holdColumns}`,
      [hold.doctor_id, hold.patient_id, hold.entry_id, hold.start_time, hold.end_time, hold.expires_at],
    );
    return rows[0]!;
  },

  /** The doctor's ACTIVE holds overlapping [start, end), expired or not, locked until the transaction ends. */
  async activeOverlapping(db: Queryable, doctorId: string, start: string, end: string): Promise<OverlappingHold[]> {
    const { rows } = await db.query<OverlappingHold>({
      name: 'slot-holds.active-overlapping',
      text: `SELECT id, patient_id, ${isoTimestamp('expires_at')} AS expires_at, expires_at <= now() AS expired FROM slot_holds
       WHERE doctor_id = $1 AND status = 'ACTIVE' AND tstzrange(start_time, end_time) && tstzrange($2::timestamptz, $3::timestamptz)
       FOR UPDATE`,
      values: [doctorId, start, end],
    });
    return rows;
  },

  /** The holder booked: the holds are used up, and their entries are done. */
  async markBooked(db: Queryable, holdIds: string[], appointmentId: string): Promise<void> {
    if (holdIds.length === 0) return;
    await db.query(
      `WITH booked AS (
         UPDATE slot_holds SET status = 'BOOKED', appointment_id = $2, updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'ACTIVE'
         RETURNING entry_id)
       UPDATE waitlist_entries SET status = 'BOOKED', updated_at = now() WHERE id IN (SELECT entry_id FROM booked) AND status = 'OFFERED'`,
      [holdIds, appointmentId],
    );
  },

  /**
   * The front desk booked over these holds: each ends OVERRIDDEN with who, why and the appointment, its
   * entry waits again (no email withdraws an offer), and the override is written to the audit log.
   */
  async markOverridden(db: Queryable, holdIds: string[], override: { by: string; reason: string }, appointmentId: string): Promise<void> {
    await db.query(
      `WITH overridden AS (
         UPDATE slot_holds SET status = 'OVERRIDDEN', overridden_by = $2, override_reason = $3, appointment_id = $4, updated_at = now()
         WHERE id = ANY($1::uuid[]) AND status = 'ACTIVE' RETURNING id, entry_id, patient_id),
       waiting AS (
         UPDATE waitlist_entries SET status = 'WAITING', updated_at = now() WHERE id IN (SELECT entry_id FROM overridden) AND status = 'OFFERED')
       INSERT INTO audit_log (actor_id, action, method, path, target, details)
       SELECT $2, 'SLOT_HOLD_OVERRIDDEN', 'POST', '/appointments',
         jsonb_build_object('hold_id', id::text, 'appointment_id', $4::text, 'patient_id', patient_id::text), jsonb_build_object('reason', $3::text)
       FROM overridden`,
      [holdIds, override.by, override.reason, appointmentId],
    );
  },

  /**
   * Every ACTIVE hold of the doctor overlapping [start, end) whose time is up becomes LAPSED, and its
   * entry waits again (for other times: the same time is not offered to that patient again).
   */
  async lapseExpired(db: Queryable, doctorId: string, start: string, end: string): Promise<number> {
    const { rowCount } = await db.query(
      `WITH lapsed AS (
         UPDATE slot_holds SET status = 'LAPSED', updated_at = now()
         WHERE doctor_id = $1 AND status = 'ACTIVE' AND expires_at <= now()
           AND tstzrange(start_time, end_time) && tstzrange($2::timestamptz, $3::timestamptz)
         RETURNING entry_id)
       UPDATE waitlist_entries SET status = 'WAITING', updated_at = now() WHERE id IN (SELECT entry_id FROM lapsed) AND status = 'OFFERED'`,
      [doctorId, start, end],
    );
    return rowCount ?? 0;
  },

  /** ACTIVE holds whose time is up, oldest expiry first: the lapse job offers their time again. */
  async expired(db: Queryable, limit: number): Promise<SlotHold[]> {
    const { rows } = await db.query<SlotHold>(
      `SELECT ${holdColumns} FROM slot_holds WHERE status = 'ACTIVE' AND expires_at <= now() ORDER BY expires_at LIMIT $1`,
      [limit],
    );
    return rows;
  },

  /** The entry's patient gave the time up (they left the waitlist): its ACTIVE hold, if any, is RELEASED. */
  async release(db: Queryable, entryId: string): Promise<SlotHold | undefined> {
    const { rows } = await db.query<SlotHold>(
      `UPDATE slot_holds SET status = 'RELEASED', updated_at = now() WHERE entry_id = $1 AND status = 'ACTIVE' RETURNING ${holdColumns}`,
      [entryId],
    );
    return rows[0];
  },
};

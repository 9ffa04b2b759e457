import { isoTimestamp, selectPage, updateSet, type PageOf, type PageRequest, type Queryable } from '@clinic/service-kit';
import type { Doctor } from '@clinic/contracts';

/** A doctor as stored: with the login email, which the public routes leave out (doctorAsSeenBy). */
export type StoredDoctor = Doctor & { email: string };

export interface NewDoctor {
  user_id: string;
  full_name: string;
  email: string;
  specialization_id: string;
  cabinet_id: string;
  bio: string | null;
  years_experience: number | null;
}

export interface DoctorChanges {
  specialization_id?: string;
  cabinet_id?: string;
  bio?: string | null;
  years_experience?: number | null;
}

const changeableColumns = ['specialization_id', 'cabinet_id', 'bio', 'years_experience'] as const;

/**
 * A doctor with their specialization's and cabinet's names: one join, whether for one doctor or a page.
 * The English names only where the catalogue has them (json_strip_nulls).
 */
const doctorsWithNames = (source: string) => `
  SELECT d.id, d.user_id, d.full_name, d.email,
    json_strip_nulls(json_build_object('id', s.id, 'name', s.name, 'name_en', s.name_en)) AS specialization,
    json_strip_nulls(json_build_object('id', c.id, 'name', c.name, 'location', c.location, 'floor', c.floor, 'name_en', c.name_en)) AS cabinet,
    d.bio, d.years_experience,
    ${isoTimestamp('d.created_at')} AS created_at, ${isoTimestamp('d.updated_at')} AS updated_at
  FROM ${source} d
  JOIN specializations s ON s.id = d.specialization_id
  JOIN cabinets c ON c.id = d.cabinet_id`;

/** A doctor's own minimum notice and buffer; null: the clinic's default. */
export interface OwnBookingLimits {
  min_notice_minutes: number | null;
  buffer_minutes: number | null;
}

export const doctorsRepository = {
  list(db: Queryable, filter: { specialization_id?: string; cabinet_id?: string } & PageRequest): Promise<PageOf<StoredDoctor>> {
    return selectPage<StoredDoctor>(
      db,
      `${doctorsWithNames('doctors')}
       WHERE d.retiring_since IS NULL AND ($1::uuid IS NULL OR d.specialization_id = $1) AND ($2::uuid IS NULL OR d.cabinet_id = $2)`,
      [filter.specialization_id ?? null, filter.cabinet_id ?? null],
      'full_name, id',
      filter,
    );
  },

  /** The doctor, unless unknown or retiring (being deleted): then undefined, as for every reader. */
  async find(db: Queryable, id: string): Promise<StoredDoctor | undefined> {
    const { rows } = await db.query<StoredDoctor>(`${doctorsWithNames('doctors')} WHERE d.id = $1 AND d.retiring_since IS NULL`, [id]);
    return rows[0];
  },

  /** The doctor's own minimum notice and buffer (null: the clinic's); undefined when no such doctor. */
  async bookingLimits(db: Queryable, id: string): Promise<OwnBookingLimits | undefined> {
    const { rows } = await db.query<OwnBookingLimits>(
      'SELECT min_notice_minutes, buffer_minutes FROM doctors WHERE id = $1 AND retiring_since IS NULL',
      [id],
    );
    return rows[0];
  },

  async setBookingLimits(db: Queryable, id: string, limits: OwnBookingLimits): Promise<OwnBookingLimits | undefined> {
    const { rows } = await db.query<OwnBookingLimits>(
      `UPDATE doctors SET min_notice_minutes = $2, buffer_minutes = $3 WHERE id = $1 AND retiring_since IS NULL
       RETURNING min_notice_minutes, buffer_minutes`,
      [id, limits.min_notice_minutes, limits.buffer_minutes],
    );
    return rows[0];
  },

  /** The id of the user's doctor record, retiring or not. */
  async idOfUser(db: Queryable, userId: string): Promise<string | undefined> {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM doctors WHERE user_id = $1', [userId]);
    return rows[0]?.id;
  },

  /**
   * Marks the doctor retiring (kept when it already is: a deletion tried again); undefined when there
   * is no such doctor. Call it in a transaction holding the doctor's calendar lock.
   */
  async markRetiring(db: Queryable, id: string): Promise<{ user_id: string } | undefined> {
    const { rows } = await db.query<{ user_id: string }>(
      'UPDATE doctors SET retiring_since = coalesce(retiring_since, now()) WHERE id = $1 RETURNING user_id',
      [id],
    );
    return rows[0];
  },

  async clearRetiring(db: Queryable, id: string): Promise<void> {
    await db.query('UPDATE doctors SET retiring_since = NULL WHERE id = $1', [id]);
  },

  /**
   * The doctor's name and email as their user's profile was at `asOf`, unless a profile as new or newer
   * was applied before (a late or repeated event); `updated_at` moves only when they differ. True when
   * the profile was applied (the user is a doctor and the event is the newest seen).
   */
  async followUser(db: Queryable, userId: string, profile: { full_name: string; email: string; asOf: string }): Promise<boolean> {
    const { rowCount } = await db.query(
      `UPDATE doctors SET full_name = $2, email = $3, profile_as_of = $4,
         updated_at = CASE WHEN (full_name, email) IS DISTINCT FROM ($2, $3) THEN now() ELSE updated_at END
       WHERE user_id = $1 AND (profile_as_of IS NULL OR profile_as_of < $4)`,
      [userId, profile.full_name, profile.email, profile.asOf],
    );
    return (rowCount ?? 0) > 0;
  },

  async isDoctor(db: Queryable, userId: string): Promise<boolean> {
    const { rowCount } = await db.query('SELECT 1 FROM doctors WHERE user_id = $1', [userId]);
    return (rowCount ?? 0) > 0;
  },

  /** Whether the specialization and cabinet exist; one that is not given counts as existing. */
  async referencesExist(db: Queryable, ids: { specialization_id?: string; cabinet_id?: string }) {
    const { rows } = await db.query<{ specialization: boolean; cabinet: boolean }>(
      `SELECT ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM specializations WHERE id = $1)) AS specialization,
              ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM cabinets WHERE id = $2)) AS cabinet`,
      [ids.specialization_id ?? null, ids.cabinet_id ?? null],
    );
    return rows[0]!;
  },

  async insert(db: Queryable, doctor: NewDoctor): Promise<StoredDoctor> {
    const { rows } = await db.query<StoredDoctor>(
      `WITH inserted AS (
         INSERT INTO doctors (user_id, full_name, email, specialization_id, cabinet_id, bio, years_experience)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
       ${doctorsWithNames('inserted')}`,
      [doctor.user_id, doctor.full_name, doctor.email, doctor.specialization_id, doctor.cabinet_id, doctor.bio, doctor.years_experience],
    );
    return rows[0]!;
  },

  async update(db: Queryable, id: string, changes: DoctorChanges): Promise<StoredDoctor | undefined> {
    const set = updateSet(changes, changeableColumns, { firstParameter: 2, touch: 'updated_at = now()' });
    const { rows } = await db.query<StoredDoctor>(
      `WITH updated AS (UPDATE doctors SET ${set.assignments} WHERE id = $1 AND retiring_since IS NULL RETURNING *)
       ${doctorsWithNames('updated')}`,
      [id, ...set.values],
    );
    return rows[0];
  },

  async remove(db: Queryable, id: string): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM doctors WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  },
};

import { isoTimestamp, selectPage, updateSet, type PageOf, type PageRequest, type Queryable } from '@clinic/service-kit';
import type { Language, UserProfile, UserRole } from '@clinic/contracts';

export interface NewUser {
  id: string;
  email: string;
  full_name: string;
  phone: string | null;
  role: UserRole;
  language?: Language;
}

export interface UserChanges {
  email?: string;
  full_name?: string;
  phone?: string | null;
  role?: UserRole;
  language?: Language;
}

const changeableColumns = ['email', 'full_name', 'phone', 'role', 'language'] as const;

const columns = `id, email, full_name, phone, role, language,
  ${isoTimestamp('created_at')} AS created_at, ${isoTimestamp('updated_at')} AS updated_at`;

/** The unique index on lower(email) (migrations/001_users.sql): one account per address. */
export const EMAIL_UNIQUE = 'users_email_unique';

export const usersRepository = {
  async insert(db: Queryable, user: NewUser): Promise<UserProfile> {
    const { rows } = await db.query<UserProfile>(
      `INSERT INTO users (id, email, full_name, phone, role, language) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${columns}`,
      [user.id, user.email, user.full_name, user.phone, user.role, user.language ?? 'ro'],
    );
    return rows[0]!;
  },

  /**
   * Inserts or refreshes a profile from the identity provider; local-only fields (phone) are kept.
   * Answers undefined for a user who was deleted: their profile is never made again.
   */
  async upsert(db: Queryable, user: Omit<NewUser, 'phone'>): Promise<UserProfile | undefined> {
    const { rows } = await db.query<UserProfile>(
      `INSERT INTO users (id, email, full_name, role)
       SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM deleted_users WHERE id = $1)
       ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, full_name = EXCLUDED.full_name,
         role = EXCLUDED.role, updated_at = now()
       RETURNING ${columns}`,
      [user.id, user.email, user.full_name, user.role],
    );
    return rows[0];
  },

  async findById(db: Queryable, id: string): Promise<UserProfile | undefined> {
    const { rows } = await db.query<UserProfile>(`SELECT ${columns} FROM users WHERE id = $1`, [id]);
    return rows[0];
  },

  async emailTakenByOther(db: Queryable, email: string, id: string): Promise<boolean> {
    const { rowCount } = await db.query('SELECT 1 FROM users WHERE lower(email) = lower($1) AND id <> $2', [email, id]);
    return (rowCount ?? 0) > 0;
  },

  /** `q` matches part of the name or email in any case; LIKE's wildcards in it are plain characters. */
  list(db: Queryable, filter: { role?: UserRole; q?: string } & PageRequest): Promise<PageOf<UserProfile>> {
    const q = filter.q?.trim();
    const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    return selectPage<UserProfile>(
      db,
      `SELECT ${columns} FROM users WHERE ($1::text IS NULL OR role = $1) AND ($2::text IS NULL OR full_name ILIKE $2 OR email ILIKE $2)`,
      [filter.role ?? null, pattern],
      'created_at, id',
      filter,
    );
  },

  async update(db: Queryable, id: string, changes: UserChanges): Promise<UserProfile | undefined> {
    const set = updateSet(changes, changeableColumns, { firstParameter: 2, touch: 'updated_at = now()' });
    const { rows } = await db.query<UserProfile>(`UPDATE users SET ${set.assignments} WHERE id = $1 RETURNING ${columns}`, [
      id,
      ...set.values,
    ]);
    return rows[0];
  },

  /**
   * The audit of admin actions keeps what was done to (or by) a deleted user, not their name or the
   * values an admin gave them (a name, an address, a phone number): those details are dropped.
   */
  async anonymiseAudit(db: Queryable, id: string): Promise<void> {
    await db.query(`UPDATE audit_log SET details = NULL WHERE target ->> 'id' = $1 AND details IS NOT NULL`, [id]);
    await db.query(`UPDATE audit_log SET actor_name = NULL WHERE actor_id = $1 AND actor_name IS NOT NULL`, [id]);
  },

  /** Deletes the profile and keeps the id as deleted (see upsert). */
  async remove(db: Queryable, id: string): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM users WHERE id = $1', [id]);
    await db.query('INSERT INTO deleted_users (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [id]);
    return (rowCount ?? 0) > 0;
  },
};

import type { Pool } from '@clinic/service-kit';
import type { Language, UserProfile, UserRole } from '@clinic/contracts';

export interface NewUser {
  id: string;
  email: string;
  full_name: string;
  phone: string | null;
  role: UserRole;
}

export interface UserChanges {
  email?: string;
  full_name?: string;
  phone?: string | null;
  role?: UserRole;
  language?: Language;
}

const columns = `id, email, full_name, phone, role, language,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at`;

export class EmailTakenError extends Error {}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

export function usersRepository(pool: Pool) {
  return {
    async insert(user: NewUser): Promise<UserProfile> {
      try {
        const { rows } = await pool.query<UserProfile>(
          `INSERT INTO users (id, email, full_name, phone, role) VALUES ($1, $2, $3, $4, $5) RETURNING ${columns}`,
          [user.id, user.email, user.full_name, user.phone, user.role],
        );
        return rows[0]!;
      } catch (error) {
        if (isUniqueViolation(error)) throw new EmailTakenError(user.email);
        throw error;
      }
    },

    /** Inserts or refreshes a profile from the identity provider; local-only fields (phone) are kept. */
    async upsert(user: Omit<NewUser, 'phone'>): Promise<UserProfile> {
      const { rows } = await pool.query<UserProfile>(
        `INSERT INTO users (id, email, full_name, role) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, full_name = EXCLUDED.full_name,
           role = EXCLUDED.role, updated_at = now()
         RETURNING ${columns}`,
        [user.id, user.email, user.full_name, user.role],
      );
      return rows[0]!;
    },

    async findById(id: string): Promise<UserProfile | undefined> {
      const { rows } = await pool.query<UserProfile>(`SELECT ${columns} FROM users WHERE id = $1`, [id]);
      return rows[0];
    },

    async emailTakenByOther(email: string, id: string): Promise<boolean> {
      const { rowCount } = await pool.query('SELECT 1 FROM users WHERE lower(email) = lower($1) AND id <> $2', [email, id]);
      return (rowCount ?? 0) > 0;
    },

    /** `q` matches part of the name or email in any case; LIKE's wildcards in it are plain characters. */
    async list(filter: { role?: UserRole; q?: string; limit: number; offset: number }) {
      const q = filter.q?.trim();
      const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const { rows } = await pool.query<UserProfile & { total: string }>(
        `SELECT ${columns}, count(*) OVER () AS total FROM users
         WHERE ($1::text IS NULL OR role = $1) AND ($4::text IS NULL OR full_name ILIKE $4 OR email ILIKE $4)
         ORDER BY created_at, id LIMIT $2 OFFSET $3`,
        [filter.role ?? null, filter.limit, filter.offset, pattern],
      );
      const total = rows[0] ? Number(rows[0].total) : 0;
      return { items: rows.map(({ total: _total, ...user }) => user), total };
    },

    async update(id: string, changes: UserChanges): Promise<UserProfile | undefined> {
      const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
      const assignments = entries.map(([column], i) => `${column} = $${i + 2}`);
      try {
        const { rows } = await pool.query<UserProfile>(
          `UPDATE users SET ${[...assignments, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${columns}`,
          [id, ...entries.map(([, value]) => value)],
        );
        return rows[0];
      } catch (error) {
        if (isUniqueViolation(error)) throw new EmailTakenError(changes.email ?? '');
        throw error;
      }
    },

    async remove(id: string): Promise<boolean> {
      const { rowCount } = await pool.query('DELETE FROM users WHERE id = $1', [id]);
      return (rowCount ?? 0) > 0;
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;

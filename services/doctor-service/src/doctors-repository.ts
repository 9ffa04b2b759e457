import type { Pool } from '@clinic/service-kit';
import type { Doctor } from '@clinic/contracts';
import { translatingViolations } from './constraint-violations.ts';
import { isoTimestamp, selectPage, type PageOf, type PageRequest } from './sql.ts';

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

/** A doctor with their specialization's and cabinet's names: one join, whether for one doctor or a page. */
const doctorsWithNames = (source: string) => `
  SELECT d.id, d.user_id, d.full_name, d.email,
    json_build_object('id', s.id, 'name', s.name) AS specialization,
    json_build_object('id', c.id, 'name', c.name, 'location', c.location, 'floor', c.floor) AS cabinet,
    d.bio, d.years_experience,
    ${isoTimestamp('d.created_at')} AS created_at, ${isoTimestamp('d.updated_at')} AS updated_at
  FROM ${source} d
  JOIN specializations s ON s.id = d.specialization_id
  JOIN cabinets c ON c.id = d.cabinet_id`;

export function doctorsRepository(pool: Pool) {
  return {
    list(filter: { specialization_id?: string; cabinet_id?: string } & PageRequest): Promise<PageOf<Doctor>> {
      return selectPage<Doctor>(
        pool,
        `${doctorsWithNames('doctors')}
         WHERE ($1::uuid IS NULL OR d.specialization_id = $1) AND ($2::uuid IS NULL OR d.cabinet_id = $2)`,
        [filter.specialization_id ?? null, filter.cabinet_id ?? null],
        'full_name, id',
        filter,
      );
    },

    async find(id: string): Promise<Doctor | undefined> {
      const { rows } = await pool.query<Doctor>(`${doctorsWithNames('doctors')} WHERE d.id = $1`, [id]);
      return rows[0];
    },

    async isDoctor(userId: string): Promise<boolean> {
      const { rowCount } = await pool.query('SELECT 1 FROM doctors WHERE user_id = $1', [userId]);
      return (rowCount ?? 0) > 0;
    },

    /** Whether the specialization and cabinet exist; one that is not given counts as existing. */
    async referencesExist(ids: { specialization_id?: string; cabinet_id?: string }) {
      const { rows } = await pool.query<{ specialization: boolean; cabinet: boolean }>(
        `SELECT ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM specializations WHERE id = $1)) AS specialization,
                ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM cabinets WHERE id = $2)) AS cabinet`,
        [ids.specialization_id ?? null, ids.cabinet_id ?? null],
      );
      return rows[0]!;
    },

    insert: (doctor: NewDoctor): Promise<Doctor> =>
      translatingViolations('write', async () => {
        const { rows } = await pool.query<Doctor>(
          `WITH inserted AS (
             INSERT INTO doctors (user_id, full_name, email, specialization_id, cabinet_id, bio, years_experience)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
           ${doctorsWithNames('inserted')}`,
          [
            doctor.user_id,
            doctor.full_name,
            doctor.email,
            doctor.specialization_id,
            doctor.cabinet_id,
            doctor.bio,
            doctor.years_experience,
          ],
        );
        return rows[0]!;
      }),

    update: (id: string, changes: DoctorChanges): Promise<Doctor | undefined> =>
      translatingViolations('write', async () => {
        const changed = changeableColumns.filter((column) => changes[column] !== undefined);
        const assignments = [...changed.map((column, i) => `${column} = $${i + 2}`), 'updated_at = now()'];
        const { rows } = await pool.query<Doctor>(
          `WITH updated AS (UPDATE doctors SET ${assignments.join(', ')} WHERE id = $1 RETURNING *)
           ${doctorsWithNames('updated')}`,
          [id, ...changed.map((column) => changes[column])],
        );
        return rows[0];
      }),

    async remove(id: string): Promise<boolean> {
      const { rowCount } = await pool.query('DELETE FROM doctors WHERE id = $1', [id]);
      return (rowCount ?? 0) > 0;
    },
  };
}

export type DoctorsRepository = ReturnType<typeof doctorsRepository>;

import { isoTimestamp, updateSet, type Queryable } from '@clinic/service-kit';
import type { UpdateVisitTypeRequest, VisitType } from '@clinic/contracts';

const columns = `id, specialization_id, doctor_id, name_ro, name_en, duration_minutes, price_text, online_bookable, archived,
  ${isoTimestamp('created_at')} AS created_at, ${isoTimestamp('updated_at')} AS updated_at`;
const fields = ['name_ro', 'name_en', 'duration_minutes', 'price_text', 'online_bookable', 'archived'] as const;
const order = 'ORDER BY archived, duration_minutes DESC, lower(name_ro), id';

/** Whose visit types: a specialization's defaults or a doctor's own. */
export type VisitTypeOwner = { specialization_id: string } | { doctor_id: string };

export interface NewVisitType {
  name_ro: string;
  name_en: string;
  duration_minutes: number;
  price_text: string | null;
  online_bookable: boolean;
}

export const visitTypesRepository = {
  async ofOwner(db: Queryable, owner: VisitTypeOwner): Promise<VisitType[]> {
    const column = 'doctor_id' in owner ? 'doctor_id' : 'specialization_id';
    const id = 'doctor_id' in owner ? owner.doctor_id : owner.specialization_id;
    const { rows } = await db.query<VisitType>(`SELECT ${columns} FROM visit_types WHERE ${column} = $1 ${order}`, [id]);
    return rows;
  },

  /** A doctor's own types and their specialization's, in one read (undefined for an unknown or retiring doctor). */
  async ofDoctor(db: Queryable, doctorId: string): Promise<{ own: VisitType[]; defaults: VisitType[] } | undefined> {
    const { rows } = await db.query<{ found: boolean; own: VisitType[] | null; defaults: VisitType[] | null }>(
      `SELECT true AS found,
         (SELECT json_agg(v ${order}) FROM (SELECT ${columns} FROM visit_types WHERE doctor_id = d.id) v) AS own,
         (SELECT json_agg(v ${order}) FROM (SELECT ${columns} FROM visit_types WHERE specialization_id = d.specialization_id) v) AS defaults
       FROM doctors d WHERE d.id = $1 AND d.retiring_since IS NULL`,
      [doctorId],
    );
    const row = rows[0];
    return row ? { own: row.own ?? [], defaults: row.defaults ?? [] } : undefined;
  },

  async specializationExists(db: Queryable, specializationId: string): Promise<boolean> {
    const { rows } = await db.query('SELECT 1 FROM specializations WHERE id = $1', [specializationId]);
    return rows.length > 0;
  },

  async insert(db: Queryable, owner: VisitTypeOwner, values: NewVisitType): Promise<VisitType> {
    const { rows } = await db.query<VisitType>(
      `INSERT INTO visit_types (specialization_id, doctor_id, name_ro, name_en, duration_minutes, price_text, online_bookable)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
      [
        'specialization_id' in owner ? owner.specialization_id : null,
        'doctor_id' in owner ? owner.doctor_id : null,
        values.name_ro,
        values.name_en,
        values.duration_minutes,
        values.price_text,
        values.online_bookable,
      ],
    );
    return rows[0]!;
  },

  async update(db: Queryable, id: string, changes: UpdateVisitTypeRequest): Promise<VisitType | undefined> {
    const set = updateSet(changes, fields, { firstParameter: 2, touch: 'updated_at = now()' });
    const { rows } = await db.query<VisitType>(`UPDATE visit_types SET ${set.assignments} WHERE id = $1 RETURNING ${columns}`, [
      id,
      ...set.values,
    ]);
    return rows[0];
  },
};

import { isoTimestamp, selectPage, updateSet, type PageOf, type PageRequest, type Queryable } from '@clinic/service-kit';
import type { Cabinet, Specialization } from '@clinic/contracts';

/** Values by column; columns the table does not have are ignored. */
export type CatalogValues = Record<string, unknown>;

export interface CatalogTable<Row> {
  list(db: Queryable, page: PageRequest): Promise<PageOf<Row>>;
  find(db: Queryable, id: string): Promise<Row | undefined>;
  insert(db: Queryable, values: CatalogValues): Promise<Row>;
  update(db: Queryable, id: string, changes: CatalogValues): Promise<Row | undefined>;
  remove(db: Queryable, id: string): Promise<boolean>;
}

/**
 * A table of the clinic's catalogue that admins keep and doctors refer to: specializations, cabinets.
 * `table` and `fields` come from this module, never from a request.
 */
function catalogTable<Row>(table: string, fields: readonly string[]): CatalogTable<Row> {
  const columns = `id, ${fields.join(', ')}, ${isoTimestamp('created_at')} AS created_at, ${isoTimestamp('updated_at')} AS updated_at`;
  return {
    list: (db, page) => selectPage<Row>(db, `SELECT ${columns} FROM ${table}`, [], 'lower(name), id', page),

    async find(db, id) {
      const { rows } = await db.query(`SELECT ${columns} FROM ${table} WHERE id = $1`, [id]);
      return rows[0] as Row | undefined;
    },

    async insert(db, values) {
      const { rows } = await db.query(
        `INSERT INTO ${table} (${fields.join(', ')}) VALUES (${fields.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${columns}`,
        fields.map((field) => values[field] ?? null),
      );
      return rows[0] as Row;
    },

    async update(db, id, changes) {
      const set = updateSet(changes, fields, { firstParameter: 2, touch: 'updated_at = now()' });
      const { rows } = await db.query(`UPDATE ${table} SET ${set.assignments} WHERE id = $1 RETURNING ${columns}`, [id, ...set.values]);
      return rows[0] as Row | undefined;
    },

    async remove(db, id) {
      const { rowCount } = await db.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
      return (rowCount ?? 0) > 0;
    },
  };
}

export const specializationsTable = catalogTable<Specialization>('specializations', ['name', 'description', 'name_en', 'description_en']);

export const cabinetsTable = catalogTable<Cabinet>('cabinets', ['name', 'location', 'floor', 'name_en']);

import type { Pool } from '@clinic/service-kit';
import type { Cabinet, Specialization } from '@clinic/contracts';
import { translatingViolations } from './constraint-violations.ts';
import { isoTimestamp, selectPage, type PageOf, type PageRequest } from './sql.ts';

/** Values by column; columns the table does not have are ignored. */
export type CatalogValues = Record<string, unknown>;

export interface CatalogTable<Row> {
  list(page: PageRequest): Promise<PageOf<Row>>;
  find(id: string): Promise<Row | undefined>;
  insert(values: CatalogValues): Promise<Row>;
  update(id: string, changes: CatalogValues): Promise<Row | undefined>;
  remove(id: string): Promise<boolean>;
}

/**
 * A table of the clinic's catalogue that admins keep and doctors refer to: specializations, cabinets.
 * `table` and `fields` come from this module, never from a request.
 */
function catalogTable<Row>(pool: Pool, table: string, fields: readonly string[]): CatalogTable<Row> {
  const columns = `id, ${fields.join(', ')}, ${isoTimestamp('created_at')} AS created_at, ${isoTimestamp('updated_at')} AS updated_at`;
  return {
    list: (page) => selectPage<Row>(pool, `SELECT ${columns} FROM ${table}`, [], 'lower(name), id', page),

    async find(id) {
      const { rows } = await pool.query(`SELECT ${columns} FROM ${table} WHERE id = $1`, [id]);
      return rows[0] as Row | undefined;
    },

    insert: (values) =>
      translatingViolations('write', async () => {
        const { rows } = await pool.query(
          `INSERT INTO ${table} (${fields.join(', ')}) VALUES (${fields.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${columns}`,
          fields.map((field) => values[field] ?? null),
        );
        return rows[0] as Row;
      }),

    update: (id, changes) =>
      translatingViolations('write', async () => {
        const changed = fields.filter((field) => changes[field] !== undefined);
        const assignments = [...changed.map((field, i) => `${field} = $${i + 2}`), 'updated_at = now()'];
        const { rows } = await pool.query(`UPDATE ${table} SET ${assignments.join(', ')} WHERE id = $1 RETURNING ${columns}`, [
          id,
          ...changed.map((field) => changes[field]),
        ]);
        return rows[0] as Row | undefined;
      }),

    remove: (id) =>
      translatingViolations('delete', async () => {
        const { rowCount } = await pool.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
        return (rowCount ?? 0) > 0;
      }),
  };
}

export const specializationsTable = (pool: Pool) => catalogTable<Specialization>(pool, 'specializations', ['name', 'description']);

export const cabinetsTable = (pool: Pool) => catalogTable<Cabinet>(pool, 'cabinets', ['name', 'location', 'floor']);

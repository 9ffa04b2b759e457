import { notFound, translatingViolations, type PageOf, type PageRequest, type Pool } from '@clinic/service-kit';
import type { CatalogTable, CatalogValues } from './repository.ts';
import { violationMeaning } from '../constraint-violations.ts';

export interface CatalogUseCases<Row> {
  list(page: PageRequest): Promise<PageOf<Row>>;
  get(id: string): Promise<Row>;
  create(input: CatalogValues): Promise<Row>;
  update(id: string, changes: CatalogValues): Promise<Row>;
  remove(id: string): Promise<void>;
}

/** Text as typed, without the spaces around it. */
function trimmed(values: CatalogValues): CatalogValues {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]));
}

/** Keeping a catalogue table (specializations, cabinets); `noun` names its rows in errors. */
export function catalogUseCases<Row>(pool: Pool, table: CatalogTable<Row>, noun: string): CatalogUseCases<Row> {
  const missing = () => notFound(noun);
  return {
    list: (page) => table.list(pool, page),

    async get(id) {
      const row = await table.find(pool, id);
      if (!row) throw missing();
      return row;
    },

    create: (input) => translatingViolations(() => table.insert(pool, trimmed(input)), violationMeaning('write')),

    async update(id, changes) {
      const row = await translatingViolations(() => table.update(pool, id, trimmed(changes)), violationMeaning('write'));
      if (!row) throw missing();
      return row;
    },

    async remove(id) {
      if (!(await translatingViolations(() => table.remove(pool, id), violationMeaning('delete')))) throw missing();
    },
  };
}

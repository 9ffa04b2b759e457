import { notFound } from '@clinic/service-kit';
import type { CatalogTable, CatalogValues } from './catalog-repository.ts';
import type { PageOf, PageRequest } from './sql.ts';

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
export function catalogUseCases<Row>(table: CatalogTable<Row>, noun: string): CatalogUseCases<Row> {
  const missing = () => notFound(noun);
  return {
    list: (page) => table.list(page),

    async get(id) {
      const row = await table.find(id);
      if (!row) throw missing();
      return row;
    },

    create: (input) => table.insert(trimmed(input)),

    async update(id, changes) {
      const row = await table.update(id, trimmed(changes));
      if (!row) throw missing();
      return row;
    },

    async remove(id) {
      if (!(await table.remove(id))) throw missing();
    },
  };
}

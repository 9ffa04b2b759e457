// What `npm run docs` reads from each service's code: its config schema (services/<svc>/src/config.ts)
// and its tables (services/<svc>/migrations/*.sql, applied in order).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TObject, TSchema } from 'typebox';

export const ROOT = join(import.meta.dirname, '../..');

export interface Variable {
  name: string;
  description: string | undefined;
  default: unknown;
  required: boolean;
}

export interface Service {
  name: string;
  /** services/<name>, relative to the repository root. */
  dir: string;
  variables: Variable[];
  /** Its database schema (DATABASE_SCHEMA's default), when it has a database. */
  schema: string | undefined;
  tables: string[];
}

export function serviceNames(): string[] {
  return readdirSync(join(ROOT, 'services'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, 'services', entry.name, 'src/config.ts')))
    .map((entry) => entry.name)
    .sort();
}

export async function loadService(name: string): Promise<Service> {
  const dir = `services/${name}`;
  const module = (await import(pathToFileURL(join(ROOT, dir, 'src/config.ts')).href)) as { configSchema: TObject };
  const schema = module.configSchema;
  const variables = Object.entries(schema.properties as Record<string, TSchema & { description?: string; default?: unknown }>).map(
    ([key, property]) => ({
      name: key,
      description: property.description,
      default: property.default,
      required: schema.required?.includes(key) ?? false,
    }),
  );
  const database = variables.find((variable) => variable.name === 'DATABASE_SCHEMA');
  return {
    name,
    dir,
    variables,
    schema: typeof database?.default === 'string' ? database.default : undefined,
    tables: tablesOf(join(ROOT, dir, 'migrations')),
  };
}

/**
 * The tables a service's migrations leave, in the order they were created: each file's "Up Migration"
 * part (node-pg-migrate's SQL format), in file-name order, with CREATE TABLE, DROP TABLE and
 * ALTER TABLE … RENAME TO applied.
 */
export function tablesOf(migrations: string): string[] {
  if (!existsSync(migrations)) return [];
  const tables: string[] = [];
  for (const file of readdirSync(migrations)
    .filter((name) => name.endsWith('.sql'))
    .sort()) {
    applyMigration(tables, readFileSync(join(migrations, file), 'utf8'));
  }
  return tables;
}

const NAME = '(?:"?\\w+"?\\.)?"?(\\w+)"?';
const STATEMENTS = new RegExp(
  [
    `CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}`,
    `DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?((?:${NAME.replace('(\\w+)', '\\w+')}\\s*,?\\s*)+)`,
    `ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?${NAME}\\s+RENAME\\s+TO\\s+"?(\\w+)"?`,
  ].join('|'),
  'gi',
);

export function applyMigration(tables: string[], sql: string): void {
  const up = sql.split(/^--\s*Down Migration/im)[0]!.replace(/--.*$/gm, '');
  for (const [, created, dropped, renamed, to] of up.matchAll(STATEMENTS)) {
    if (created && !tables.includes(created)) tables.push(created);
    for (const name of dropped ? dropped.split(',').map((part) => part.trim().split('.').pop()!.replaceAll('"', '')) : []) {
      if (tables.includes(name)) tables.splice(tables.indexOf(name), 1);
    }
    if (renamed && to && tables.includes(renamed)) tables[tables.indexOf(renamed)] = to;
  }
}

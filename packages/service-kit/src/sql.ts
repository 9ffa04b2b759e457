import type { Queryable } from './db.ts';

/**
 * SQL helpers every repository uses, so that each thing is done one way: instants as text, pages of a
 * list, partial updates and constraint violations.
 */

/**
 * A timestamptz column as ISO-8601 UTC text with milliseconds (`2026-03-02T08:30:00.000Z`): how every
 * answer, event and stored payload shows an instant. Converted in SQL, so rows built in SQL (JSON
 * objects, a page's items) carry the same text as plain columns.
 */
export const isoTimestamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A date column as `YYYY-MM-DD` (node-postgres would make it a Date at the server's local midnight). */
export const isoDate = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/** A time-of-day column as `HH:MM` (a wall-clock time, no zone). */
export const clockTime = (column: string) => `to_char(${column}, 'HH24:MI')`;

export interface PageRequest {
  limit: number;
  offset: number;
}

/** One page of a list: the shape of every list answer (`Page(…)` in @clinic/contracts). */
export interface PageOf<T> extends PageRequest {
  items: T[];
  total: number;
}

/**
 * One page of the rows `query` selects and how many it selects in all, in one round trip; the total
 * stays right for a page past the end. `query` numbers its parameters from $1; `orderBy` names its
 * output columns and must make the order total (end it with the id). Items come back as JSON, so
 * instants must be selected as text (`isoTimestamp`).
 */
export async function selectPage<T>(
  db: Queryable,
  query: string,
  params: unknown[],
  orderBy: string,
  page: PageRequest,
): Promise<PageOf<T>> {
  const { rows } = await db.query<{ item: T | null; total: string }>(
    `WITH matching AS (${query})
     SELECT to_jsonb(page) AS item, counted.total
     FROM (SELECT count(*) AS total FROM matching) counted
     LEFT JOIN LATERAL (SELECT * FROM matching ORDER BY ${orderBy} LIMIT $${params.length + 1} OFFSET $${params.length + 2}) page ON true
     ORDER BY ${orderBy}`,
    [...params, page.limit, page.offset],
  );
  return {
    items: rows.flatMap((row) => (row.item === null ? [] : [row.item])),
    total: Number(rows[0]?.total ?? 0),
    limit: page.limit,
    offset: page.offset,
  };
}

/**
 * The `SET` list of a partial update: one `column = $n` for each of `columns` that `changes` gives a
 * value (undefined leaves a column as it is; null clears it), numbered from `firstParameter`, then
 * `touch` (e.g. `updated_at = now()`). Column names come from `columns`, never from `changes`, so
 * a request's keys cannot reach the SQL.
 */
export function updateSet<Changes extends object>(
  changes: Changes,
  columns: ReadonlyArray<keyof Changes & string>,
  options: { firstParameter?: number; touch?: string } = {},
): { assignments: string; values: unknown[] } {
  const first = options.firstParameter ?? 1;
  const changed = columns.filter((column) => changes[column] !== undefined);
  const assignments = changed.map((column, i) => `${column} = $${first + i}`);
  if (options.touch) assignments.push(options.touch);
  if (assignments.length === 0) throw new RangeError('updateSet: nothing to set');
  return { assignments: assignments.join(', '), values: changed.map((column) => changes[column]) };
}

/** The kinds of constraint PostgreSQL refuses a write for, by SQLSTATE. */
const VIOLATIONS = {
  '23505': 'unique',
  '23P01': 'exclusion',
  '23503': 'foreign_key',
  '23514': 'check',
} as const;

export type ConstraintKind = (typeof VIOLATIONS)[keyof typeof VIOLATIONS];

export interface ConstraintViolation {
  kind: ConstraintKind;
  /** The constraint's (or unique index's) name, as the migrations call it. */
  constraint: string | undefined;
}

/**
 * Which constraint a PostgreSQL error is the violation of; undefined for any other error. Repositories
 * and use cases turn the violations they expect into domain errors; nothing else should read SQLSTATEs.
 */
export function constraintViolation(error: unknown): ConstraintViolation | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  const kind = typeof code === 'string' ? VIOLATIONS[code as keyof typeof VIOLATIONS] : undefined;
  if (!kind) return undefined;
  return { kind, constraint: typeof constraint === 'string' ? constraint : undefined };
}

/**
 * Runs a statement; a constraint violation that `meaning` knows comes out as the error it gives (a
 * domain error), anything else as it was.
 */
export async function translatingViolations<T>(
  work: () => Promise<T>,
  meaning: (violation: ConstraintViolation) => Error | undefined,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const violation = constraintViolation(error);
    throw (violation && meaning(violation)) ?? error;
  }
}

import type { Pool } from '@clinic/service-kit';

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface PageOf<T> {
  items: T[];
  total: number;
}

/** A timestamptz column as ISO-8601 UTC text, the way every answer shows instants. */
export const isoTimestamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One page of the rows `query` selects and how many it selects in all, in one round trip; the total
 * stays right for a page past the end. `query` numbers its parameters from $1; `orderBy` names its
 * output columns and must make the order total (end it with the id).
 */
export async function selectPage<T>(pool: Pool, query: string, params: unknown[], orderBy: string, page: PageRequest): Promise<PageOf<T>> {
  const { rows } = await pool.query<{ item: T | null; total: string }>(
    `WITH matching AS (${query})
     SELECT to_jsonb(page) AS item, counted.total
     FROM (SELECT count(*) AS total FROM matching) counted
     LEFT JOIN LATERAL (SELECT * FROM matching ORDER BY ${orderBy} LIMIT $${params.length + 1} OFFSET $${params.length + 2}) page ON true
     ORDER BY ${orderBy}`,
    [...params, page.limit, page.offset],
  );
  return { items: rows.flatMap((row) => (row.item === null ? [] : [row.item])), total: Number(rows[0]?.total ?? 0) };
}

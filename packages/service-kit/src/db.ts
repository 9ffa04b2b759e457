import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import type { Logger } from './logger.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** What a repository function takes first: the pool, or a client holding a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;

export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection (e.g. a database restart) must not crash the process.
  pool.on('error', () => {});
  // Nor one that is checked out between two queries (a transaction waiting on the broker or the
  // document store): its next query fails instead, which answers a retryable 503.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/**
 * Applies the service's pending SQL migrations (`migrations/*.sql`, `-- Up Migration` sections) in its
 * own schema. node-pg-migrate holds an advisory lock, so replicas starting together migrate once.
 */
export async function migrate(connectionString: string, schema: string, dir: string, logger: Logger): Promise<void> {
  await runner({
    databaseUrl: connectionString,
    dir,
    schema,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    checkOrder: true,
    log: (message) => logger.debug({ migration: message }, 'migration'),
  });
}

export interface ServiceDatabase {
  pool: pg.Pool;
  /** For `/ready`: resolves while the database answers a query. */
  ready: () => Promise<unknown>;
}

/**
 * A service's own database, the same way in every service: its migrations (`migrations/` beside
 * `src/`) applied in its schema, then a pool that is closed on shutdown, and its readiness check.
 */
export async function openServiceDatabase(options: {
  config: { DATABASE_URL: string; DATABASE_SCHEMA: string };
  migrations: URL;
  logger: Logger;
  onShutdown: (close: () => unknown) => void;
  maxConnections?: number;
}): Promise<ServiceDatabase> {
  const { config, logger } = options;
  await migrate(config.DATABASE_URL, config.DATABASE_SCHEMA, fileURLToPath(options.migrations), logger);
  const pool = createPool(config.DATABASE_URL, options.maxConnections);
  options.onShutdown(() => pool.end());
  return { pool, ready: () => pool.query('SELECT 1') };
}

/** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

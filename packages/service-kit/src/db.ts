import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import { Type } from 'typebox';
import type { Logger } from './logger.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** What a repository function takes first: the pool, or a client holding a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;

/** A database URL, or a URL with TLS settings (what `databaseConnection` makes of a service's config). */
export type DatabaseConnection = string | pg.ClientConfig;

/**
 * The database settings every service with a database has besides its DATABASE_URL: the certificate
 * authority the server's certificate must be signed by (given as DATABASE_CA_FILE, a Docker secret in
 * the Swarm stack). Set, every connection is TLS and verifies the certificate and the host name it is
 * for (libpq's sslmode=verify-full); absent, connections are plain, as in the local devstack.
 */
export const databaseConfigProperties = {
  DATABASE_CA: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'PEM certificate authority of PostgreSQL’s TLS certificate: connect with TLS, verifying the server (none: plain text)',
    }),
  ),
};

export function databaseConnection(config: { DATABASE_URL: string; DATABASE_CA?: string }): DatabaseConnection {
  if (!config.DATABASE_CA) return config.DATABASE_URL;
  // Node checks the certificate's names against the host of the URL (its `servername`).
  return { connectionString: config.DATABASE_URL, ssl: { ca: config.DATABASE_CA, rejectUnauthorized: true } };
}

export const clientConfig = (connection: DatabaseConnection): pg.ClientConfig =>
  typeof connection === 'string' ? { connectionString: connection } : connection;

export function createPool(connection: DatabaseConnection, max = 10): pg.Pool {
  const pool = new pg.Pool({ ...clientConfig(connection), max, connectionTimeoutMillis: 5_000 });
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
export async function migrate(connection: DatabaseConnection, schema: string, dir: string, logger: Logger): Promise<void> {
  await runner({
    databaseUrl: connection,
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
  config: { DATABASE_URL: string; DATABASE_SCHEMA: string; DATABASE_CA?: string };
  migrations: URL;
  logger: Logger;
  onShutdown: (close: () => unknown) => void;
  maxConnections?: number;
}): Promise<ServiceDatabase> {
  const { config, logger } = options;
  const connection = databaseConnection(config);
  await migrate(connection, config.DATABASE_SCHEMA, fileURLToPath(options.migrations), logger);
  const pool = createPool(connection, options.maxConnections);
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

// CLINIC_POSTGRES_TLS=on, checked the way an operator would: a PostgreSQL of its own (its own port
// and state directory, no other server), started with TLS, then connected to in plain text, with the
// stack's authority and with another one.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { databaseConnection } from '@clinic/service-kit';
import type { StartContext, Started } from './context.ts';
import { databaseEnvironment } from './platform.ts';
import { startPostgres, type PostgresInfo } from './postgres.ts';
import { withTls } from './postgres-tls.ts';
import { run } from './process.ts';
import { loadSecrets, stackProfile, type StackProfile } from './profile.ts';
import { findPostgresBin, type Toolchain } from './provision.ts';

/** A port nobody listens on now: the system picks it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** What a client sees when it connects: whether the session is TLS, and with which protocol. */
async function sessionTls(connection: string | pg.ClientConfig): Promise<{ ssl: boolean; version: string }> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    const { rows } = await client.query<{ ssl: boolean; version: string }>(
      'SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

/** How Node's TLS refuses a certificate no authority it was given has signed. */
const UNVERIFIED = /unable to verify the first certificate|self[- ]signed certificate/;

describe('PostgreSQL with CLINIC_POSTGRES_TLS=on', () => {
  let dir: string;
  let postgres: Started<PostgresInfo>;
  let info: PostgresInfo;
  let otherCa: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clinic-postgres-tls-'));
    // Its data directory goes beside the state (PostgreSQL runs as its own user when we are root).
    chmodSync(dir, 0o755);
    const test = stackProfile('test');
    const profile: StackProfile = {
      ...test,
      name: `tls-${process.pid}`,
      stateDir: dir,
      ports: { ...test.ports, postgres: await freePort() },
    };
    const ctx: StartContext = {
      profile,
      secrets: loadSecrets(profile),
      tools: { postgresBin: findPostgresBin() } as Toolchain,
      fresh: true,
      log: () => {},
      signal: new AbortController().signal,
    };
    postgres = await startPostgres(ctx, { tls: true });
    info = postgres.info;
    // An authority of somebody else's, with the same name as the stack's.
    await run(
      'openssl',
      ['req', '-x509', '-new', '-nodes', '-newkey', 'rsa:2048', '-days', '1', '-subj', '/CN=Clinic Booking local database CA'].concat([
        '-keyout',
        join(dir, 'other-ca.key'),
        '-out',
        join(dir, 'other-ca.crt'),
      ]),
    );
    otherCa = join(dir, 'other-ca.crt');
  });
  after(async () => {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a plain-text connection, whatever the password', async () => {
    const role = info.roles.user_service;
    const plain = new pg.Client({
      host: info.host,
      port: info.port,
      user: role.user,
      password: role.password,
      database: 'clinic',
      ssl: false,
    });
    await assert.rejects(plain.connect(), /no pg_hba\.conf entry .*no encryption/);
  });

  it('admits a service the way a service connects (DATABASE_URL and DATABASE_CA_FILE), over TLS', async () => {
    const env = databaseEnvironment(info, 'appointment_service');
    assert.equal(env.DATABASE_CA_FILE, info.caFile);
    assert.doesNotMatch(env.DATABASE_URL!, /sslmode/);
    // What the service's configuration reads: NAME_FILE in place of NAME.
    const config = { DATABASE_URL: env.DATABASE_URL!, DATABASE_CA: readFileSync(env.DATABASE_CA_FILE!, 'utf8') };
    const session = await sessionTls(databaseConnection(config));
    assert.equal(session.ssl, true);
    assert.match(session.version, /^TLSv1\.[23]$/);
  });

  it('admits every client given a URL of the stack (node-postgres and libpq), verifying the server', async () => {
    for (const role of Object.values(info.roles)) {
      assert.match(role.url, /sslmode=verify-full/);
      assert.equal((await sessionTls(role.url)).ssl, true, role.user);
    }
    // libpq, as psql, pg_dump and postgres_exporter's lib/pq read the same URL.
    const psql = join(findPostgresBin()!, 'psql');
    const answer = await run(psql, ['-X', '-At', '-c', 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()', info.adminUrl]);
    assert.equal(answer.trim(), 't');
  });

  it('is refused by a client that verifies against another authority', async () => {
    const url = withTls(info.roles.user_service.url.split('?')[0]!, otherCa);
    await assert.rejects(sessionTls(url), UNVERIFIED);
    const other = readFileSync(otherCa, 'utf8');
    const config = { DATABASE_URL: url.split('?')[0]!, DATABASE_CA: other };
    await assert.rejects(sessionTls(databaseConnection(config)), UNVERIFIED);
  });

  it('is refused by a client that expects a name the certificate is not for', async () => {
    // The certificate is for 127.0.0.1 and localhost, not for the Swarm stack's "postgres".
    const config = {
      connectionString: info.roles.user_service.url.split('?')[0]!,
      ssl: { ca: readFileSync(info.caFile!, 'utf8'), servername: 'postgres' },
    };
    await assert.rejects(sessionTls(config), /does not match certificate's altnames|Hostname\/IP does not match/);
  });
});

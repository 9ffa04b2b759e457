// PostgreSQL: a private cluster per profile, one schema and one role per service.
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearPause, serverDir, spawnServer, startOrCleanUp, supervise, type StartContext, type Started } from './context.ts';
import { serverTls, withTls, type ServerTls } from './postgres-tls.ts';
import { run, waitReady, type ManagedProcess } from './process.ts';
import { SERVICE_SCHEMAS, type ServiceSchema } from './profile.ts';

export interface PostgresInfo {
  host: string;
  port: number;
  /** Superuser "postgres", database "clinic". */
  adminUrl: string;
  roles: Record<ServiceSchema, { user: string; password: string; url: string }>;
  /**
   * Set when the server admits TLS clients only (CLINIC_POSTGRES_TLS=on): the authority its certificate
   * is signed by. Every URL above then asks for TLS, verifying the server against it (sslmode=verify-full,
   * sslrootcert), so whatever connects with one of them connects as the services do.
   */
  caFile?: string;
}

const SUPERUSER = 'postgres';

/** The benchmark's stack counts statements (pg_stat_statements): CLINIC_POSTGRES_STATEMENTS=on. */
const statementsCounted = () => process.env.CLINIC_POSTGRES_STATEMENTS === 'on';

/** postgres refuses to run as root: when we are root, its processes run as the "postgres" user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root but there is no "postgres" user (install the postgresql package)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * <stateDir>/postgres, unless the postgres user cannot reach it (e.g. a repo under /root) or the
 * unix socket path would exceed the kernel's 107-byte limit: then a directory under tmpdir.
 */
async function dataRoot(ctx: StartContext, user: { uid: number; gid: number } | undefined): Promise<string> {
  const preferred = join(ctx.profile.stateDir, 'postgres');
  const socketPath = join(preferred, 'data', `.s.PGSQL.${ctx.profile.ports.postgres}`);
  const reachable =
    !user ||
    (await run('test', ['-x', ctx.profile.stateDir], user).then(
      () => true,
      () => false,
    ));
  if (reachable && socketPath.length <= 100) return preferred;
  return join(tmpdir(), `clinic-booking-${ctx.profile.name}-postgres`);
}

/** `tls`: TLS only, with a certificate for 127.0.0.1 and localhost (postgres-tls.ts); off unless asked. */
export async function startPostgres(ctx: StartContext, options: { tls?: boolean } = {}): Promise<Started<PostgresInfo>> {
  const { ports } = ctx.profile;
  const bin = ctx.tools.postgresBin;
  const user = postgresUser();
  serverDir(ctx, 'postgres'); // creates stateDir
  const root = await dataRoot(ctx, user);
  if (ctx.fresh) rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true, mode: 0o700 });
  if (user) chownSync(root, user.uid, user.gid);
  const dataDir = join(root, 'data');

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    ctx.log('postgres: initialising a new cluster');
    rmSync(dataDir, { recursive: true, force: true });
    // initdb reads the superuser password from a file the postgres user can read; removed right after.
    const pwFile = join(root, 'initdb-password');
    writeFileSync(pwFile, ctx.secrets.postgresSuperuser, { mode: 0o600 });
    if (user) chownSync(pwFile, user.uid, user.gid);
    try {
      await run(
        join(bin, 'initdb'),
        ['-D', dataDir, '-U', SUPERUSER, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'],
        { ...user, cwd: root },
      );
    } finally {
      rmSync(pwFile, { force: true });
    }
  }

  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    port: ports.postgres,
    unix_socket_directories: dataDir,
    max_connections: 200,
  };
  // Tests wipe the cluster anyway; skipping fsync makes migrations and fixtures much faster.
  // (Data still survives a crash of postgres itself, only not one of the whole machine.)
  // The benchmark sets CLINIC_POSTGRES_FSYNC=on: its figures are meant for the platform's durability.
  if (ctx.profile.name !== 'dev' && process.env.CLINIC_POSTGRES_FSYNC !== 'on') settings.fsync = 'off';
  const tls = options.tls ? await serverTls(ctx.profile, root, user) : undefined;
  Object.assign(settings, tls?.settings);
  // The benchmark counts the statements per booking (CLINIC_POSTGRES_STATEMENTS=on): pg_stat_statements,
  // shipped with PostgreSQL, loaded in its stack only (it costs every statement a little).
  if (statementsCounted()) settings.shared_preload_libraries = 'pg_stat_statements';

  clearPause(ctx, 'postgres');
  const procs: ManagedProcess[] = [];
  const spawn = (restart: boolean) =>
    spawnServer(ctx, {
      name: 'postgres',
      command: join(bin, 'postgres'),
      args: ['-D', dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
      ...user,
      cwd: root,
      stopSignal: 'SIGINT', // "fast" shutdown: does not wait for clients to disconnect
      appendLog: restart,
    });
  return startOrCleanUp(procs, async () => {
    const proc = spawn(false);
    procs.push(proc);
    await waitReady({
      name: 'postgres',
      proc,
      timeoutMs: 60_000,
      signal: ctx.signal,
      ready: () => run(join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(ports.postgres)]).then(() => true),
    });
    await bootstrap(ctx, tls);

    const plain = (u: string, pw: string) => `postgres://${u}:${pw}@127.0.0.1:${ports.postgres}/clinic`;
    const url = (u: string, pw: string) => (tls ? withTls(plain(u, pw), tls.caFile) : plain(u, pw));
    const roles = Object.fromEntries(
      SERVICE_SCHEMAS.map((s) => [s, { user: s, password: ctx.secrets.roles[s], url: url(s, ctx.secrets.roles[s]) }]),
    ) as PostgresInfo['roles'];
    const supervised = supervise(ctx, 'postgres', proc, () => spawn(true));
    return {
      name: 'postgres',
      info: {
        host: '127.0.0.1',
        port: ports.postgres,
        adminUrl: url(SUPERUSER, ctx.secrets.postgresSuperuser),
        roles,
        ...(tls ? { caFile: tls.caFile } : {}),
      },
      stop: () => supervised.stop(),
    };
  });
}

/** Idempotent: roles, databases, schemas and grants; passwords are (re)set from secrets.json. */
async function bootstrap(ctx: StartContext, tls: ServerTls | undefined): Promise<void> {
  const { roles } = ctx.secrets;
  const ensureRole = (name: string, password: string) => `
    DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${name}') THEN CREATE ROLE ${name}; END IF;
    END $$;
    ALTER ROLE ${name} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}';`;
  const serviceList = SERVICE_SCHEMAS.join(', ');

  const serverSql = `
    ${SERVICE_SCHEMAS.map((s) => ensureRole(s, roles[s]) + `\nALTER ROLE ${s} SET search_path = ${s};`).join('\n')}
    ${ensureRole('keycloak', roles.keycloak)}
    SELECT 'CREATE DATABASE clinic' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'clinic') \\gexec
    SELECT 'CREATE DATABASE keycloak OWNER keycloak' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'keycloak') \\gexec
    -- Each role connects to its own database only.
    REVOKE ALL ON DATABASE clinic, keycloak, postgres FROM PUBLIC;
    GRANT CONNECT ON DATABASE clinic TO ${serviceList};
    \\connect clinic
    -- Nobody but the superuser creates anything in public; extensions that services need live there.
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    -- For the "no double booking" exclusion constraint (equality on ids inside a GiST index).
    CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;
    ${statementsCounted() ? 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA public;' : ''}
    ${SERVICE_SCHEMAS.map((s) => `CREATE SCHEMA IF NOT EXISTS ${s} AUTHORIZATION ${s};\nALTER SCHEMA ${s} OWNER TO ${s};`).join('\n')}
  `;
  await run(
    join(ctx.tools.postgresBin, 'psql'),
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(ctx.profile.ports.postgres), '-U', SUPERUSER, '-d', 'postgres'],
    {
      env: {
        ...process.env,
        PGPASSWORD: ctx.secrets.postgresSuperuser,
        ...(tls ? { PGSSLMODE: 'verify-full', PGSSLROOTCERT: tls.caFile } : {}),
      },
      input: serverSql,
    },
  );
}

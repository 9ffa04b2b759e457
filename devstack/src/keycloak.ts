// Keycloak: start-dev from a per-profile copy of the distribution, backed by PostgreSQL,
// realm "clinic" imported from deploy/keycloak/realm-clinic.json, the clinic's themes from
// deploy/keycloak/themes.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearPause, spawnServer, startOrCleanUp, supervise, type StartContext, type Started } from './context.ts';
import type { PostgresInfo } from './postgres.ts';
import { httpOk, logTail, run, waitReady, type ManagedProcess } from './process.ts';
import { demoAdmin, REPO_ROOT } from './profile.ts';
import { KEYCLOAK_VERSION } from './provision.ts';

export interface KeycloakInfo {
  /** Internal base URL including /auth. */
  url: string;
  /** What tokens carry in "iss": the public origin (the gateway proxies /auth). */
  issuer: string;
  adminUser: string;
  adminPassword: string;
  servicesClientId: 'clinic-services';
  servicesClientSecret: string;
  demoAdmin: { username: string; password: string };
}

export const REALM = 'clinic';
const ADMIN_USER = 'admin';

/** Overridable (CLINIC_KEYCLOAK_REALM_FILE) so that a realm can be tried out without editing the repo. */
export function realmFile(): string {
  return process.env.CLINIC_KEYCLOAK_REALM_FILE || join(REPO_ROOT, 'deploy', 'keycloak', 'realm-clinic.json');
}

/**
 * start-dev writes its build and data into the distribution itself, so each profile gets its own
 * extracted copy in <stateDir>/keycloak; it is kept across fresh starts and replaced on upgrade.
 */
async function ensureDistribution(ctx: StartContext): Promise<string> {
  const home = join(ctx.profile.stateDir, 'keycloak');
  const versionFile = join(home, 'version.txt');
  if (existsSync(versionFile) && readFileSync(versionFile, 'utf8').includes(KEYCLOAK_VERSION)) return home;
  ctx.log(`keycloak: extracting ${KEYCLOAK_VERSION} into ${home}`);
  const tmp = `${home}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  try {
    await run('unzip', ['-q', ctx.tools.keycloakZip, '-d', tmp]);
    renameSync(join(tmp, `keycloak-${KEYCLOAK_VERSION}`), home);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return home;
}

/** The clinic's own themes (login pages in its languages and look), kept in the repo. */
const THEMES_DIR = join(REPO_ROOT, 'deploy', 'keycloak', 'themes');

/** Copies the repo's themes into the distribution's themes/ at every start, so an edit shows after a restart. */
function installThemes(home: string): void {
  for (const theme of readdirSync(THEMES_DIR)) {
    const target = join(home, 'themes', theme);
    rmSync(target, { recursive: true, force: true });
    cpSync(join(THEMES_DIR, theme), target, { recursive: true });
  }
}

/**
 * Its database over verified TLS when PostgreSQL speaks TLS only (`database.caFile`), as in the Swarm
 * stack: the JDBC driver checks the certificate against the authority and the name in it.
 */
function databaseUrl(port: number, database: Pick<PostgresInfo, 'caFile'>): string {
  const url = `jdbc:postgresql://127.0.0.1:${port}/keycloak`;
  return database.caFile ? `${url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(database.caFile)}` : url;
}

export async function startKeycloak(ctx: StartContext, database: Pick<PostgresInfo, 'caFile'>): Promise<Started<KeycloakInfo>> {
  const { ports, publicUrl } = ctx.profile;
  const realm = realmFile();
  if (!existsSync(realm)) throw new Error(`keycloak: realm file ${realm} not found`);
  const home = await ensureDistribution(ctx);

  // --import-realm reads data/import; a realm that already exists in the database is left
  // alone, so changes to the file reach a kept (non-fresh) database only after a fresh start.
  const importDir = join(home, 'data', 'import');
  rmSync(importDir, { recursive: true, force: true });
  mkdirSync(importDir, { recursive: true });
  copyFileSync(realm, join(importDir, 'realm-clinic.json'));
  installThemes(home);

  const admin = demoAdmin();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JAVA_HOME: ctx.tools.javaHome,
    JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx768m',
    KC_DB: 'postgres',
    KC_DB_URL: databaseUrl(ports.postgres, database),
    KC_DB_USERNAME: 'keycloak',
    KC_DB_PASSWORD: ctx.secrets.roles.keycloak,
    KC_DB_POOL_MAX_SIZE: '20',
    // After a PostgreSQL restart every pooled connection is dead, and each answered a login 500 until
    // it was used and dropped; validating idle connections every 2 s drops them first.
    QUARKUS_DATASOURCE_JDBC_BACKGROUND_VALIDATION_INTERVAL: '2S',
    KC_HTTP_HOST: '127.0.0.1',
    KC_HTTP_PORT: String(ports.keycloak),
    KC_HTTP_MANAGEMENT_PORT: String(ports.keycloakMgmt),
    KC_HTTP_RELATIVE_PATH: '/auth',
    // Browsers and token issuers see Keycloak through the gateway; services reach it directly.
    KC_HOSTNAME: `${publicUrl}/auth`,
    KC_HOSTNAME_BACKCHANNEL_DYNAMIC: 'true',
    KC_PROXY_HEADERS: 'xforwarded',
    // Forwarding headers count only from the gateway, on this machine (which writes its own, never a client's).
    KC_PROXY_TRUSTED_ADDRESSES: '127.0.0.1',
    // The admin console lives on Keycloak's own loopback port; the gateway does not pass it on.
    KC_HOSTNAME_ADMIN: `http://127.0.0.1:${ports.keycloak}/auth`,
    KC_HEALTH_ENABLED: 'true',
    // Its metrics (logins, tokens, the JVM, the database pool) on the management port, for Prometheus.
    KC_METRICS_ENABLED: 'true',
    KC_BOOTSTRAP_ADMIN_USERNAME: ADMIN_USER,
    KC_BOOTSTRAP_ADMIN_PASSWORD: ctx.secrets.keycloakAdmin,
    // Placeholders used by the realm file.
    CLINIC_PUBLIC_URL: publicUrl,
    CLINIC_SERVICES_CLIENT_SECRET: ctx.secrets.servicesClientSecret,
    CLINIC_DEMO_ADMIN_PASSWORD: admin.password,
    // Local and test stacks log in scripts and tests with the password grant; production stacks leave it off.
    CLINIC_CLI_PASSWORD_GRANT: 'true',
    // Keycloak's own emails (password reset, email verification) go through the stack's Mailpit.
    CLINIC_SMTP_HOST: '127.0.0.1',
    CLINIC_SMTP_PORT: String(ports.smtp),
    CLINIC_SMTP_FROM: 'no-reply@clinic.local',
  };

  clearPause(ctx, 'keycloak');
  const procs: ManagedProcess[] = [];
  const spawn = (restart: boolean) =>
    spawnServer(ctx, {
      name: 'keycloak',
      command: join(home, 'bin', 'kc.sh'),
      args: ['start-dev', '--import-realm'],
      env,
      cwd: home,
      appendLog: restart,
    });
  return startOrCleanUp(procs, async () => {
    const proc = spawn(false);
    procs.push(proc);
    const url = `http://127.0.0.1:${ports.keycloak}/auth`;
    await waitReady({
      name: 'keycloak',
      proc,
      timeoutMs: 300_000,
      signal: ctx.signal,
      log: ctx.log,
      progressEveryMs: 10_000,
      ready: () => httpOk(`${url}/realms/${REALM}/.well-known/openid-configuration`),
    });
    checkRealmImport(ctx, realm, join(home, 'data', 'imported-realm.sha256'), proc.logFile);
    await hardenMasterRealm(url, ADMIN_USER, ctx.secrets.keycloakAdmin, env.KC_HOSTNAME_ADMIN!);
    const supervised = supervise(ctx, 'keycloak', proc, () => spawn(true));
    return {
      name: 'keycloak',
      info: {
        url,
        issuer: `${publicUrl}/auth/realms/${REALM}`,
        adminUser: ADMIN_USER,
        adminPassword: ctx.secrets.keycloakAdmin,
        servicesClientId: 'clinic-services',
        servicesClientSecret: ctx.secrets.servicesClientSecret,
        demoAdmin: admin,
      },
      stop: () => supervised.stop((current) => current.stop(30_000)),
    };
  });
}

/** The master realm's brute-force protection and password policy (the Swarm stack's Keycloak image applies the same file). */
export function masterRealmSettings(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'deploy', 'keycloak', 'master-realm.json'), 'utf8')) as Record<string, unknown>;
}

/**
 * Applies the master realm's settings through the admin REST API as the bootstrap admin, at every
 * start (the same values again change nothing). The master realm is not imported from a file: Keycloak
 * makes it itself on the first start. Its pages are served on the admin URL too (the realm's
 * frontend URL): the admin console's login form would otherwise post to the gateway, which refuses it.
 */
async function hardenMasterRealm(url: string, username: string, password: string, adminUrl: string): Promise<void> {
  const login = await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username, password }),
  });
  if (!login.ok) throw new Error(`keycloak: the bootstrap admin could not log in to harden the master realm (${login.status})`);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const updated = await fetch(`${url}/admin/realms/master`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...masterRealmSettings(), attributes: { frontendUrl: adminUrl } }),
  });
  if (!updated.ok) throw new Error(`keycloak: the master realm's settings were refused (${updated.status}): ${await updated.text()}`);
}

/**
 * Remembers which realm file was imported; warns when a kept database still holds an older
 * version (Keycloak skips the import of an existing realm), as that is easy to miss.
 */
function checkRealmImport(ctx: StartContext, realm: string, hashFile: string, logFile: string): void {
  const hash = createHash('sha256').update(readFileSync(realm)).digest('hex');
  const log = logTail(logFile, 200);
  if (log.includes(`Realm '${REALM}' imported`)) {
    writeFileSync(hashFile, hash);
  } else if (existsSync(hashFile) && readFileSync(hashFile, 'utf8') !== hash) {
    ctx.log(
      `keycloak: WARNING ${realm} changed since realm "${REALM}" was imported; the database keeps the old ` +
        `realm: start with fresh (cli: up ${ctx.profile.name} --fresh) to re-import it`,
    );
  }
}

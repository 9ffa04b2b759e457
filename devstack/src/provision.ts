// Provisioning: locate the servers installed from Debian packages and fetch/build the others
// into a per-user cache, once.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { run, type Log } from './process.ts';

export const KEYCLOAK_VERSION = '26.4.7';

/** Everything the stack needs on disk, resolved to absolute paths. */
export interface Toolchain {
  postgresBin: string;
  rabbitBin: string;
  epmd: string;
  javaHome: string;
  keycloakZip: string;
  minio: string;
  mailpit: string;
}

export function cacheDir(): string {
  return process.env.CLINIC_CACHE_DIR || join(homedir(), '.cache', 'clinic-booking');
}

/** First existing path, or undefined. */
const firstExisting = (paths: string[]) => paths.find((p) => existsSync(p));

/** Newest PostgreSQL server installed by Debian's postgresql-NN packages. */
function findPostgresBin(): string | undefined {
  let versions: string[] = [];
  try {
    versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v));
  } catch {
    // not installed
  }
  versions.sort((a, b) => Number(b) - Number(a));
  return firstExisting(versions.map((v) => `/usr/lib/postgresql/${v}/bin`).filter((d) => existsSync(`${d}/postgres`)));
}

function findJavaHome(): string | undefined {
  // Keycloak 26 runs on Java 17 or 21.
  const candidates = ['java-21-openjdk-amd64', 'java-17-openjdk-amd64', 'java-21-openjdk-arm64', 'java-17-openjdk-arm64'];
  return firstExisting(
    [...(process.env.JAVA_HOME ? [process.env.JAVA_HOME] : []), ...candidates.map((c) => `/usr/lib/jvm/${c}`)].filter((home) =>
      existsSync(join(home, 'bin', 'java')),
    ),
  );
}

/** Servers and tools that come from Debian packages: report every missing one at once. */
function systemTools(): Pick<Toolchain, 'postgresBin' | 'rabbitBin' | 'epmd' | 'javaHome'> {
  const postgresBin = findPostgresBin();
  const rabbitBin = firstExisting(['/usr/lib/rabbitmq/bin']);
  const epmd = firstExisting(['/usr/bin/epmd', '/usr/lib/erlang/bin/epmd']);
  const javaHome = findJavaHome();
  const missing: string[] = [];
  if (!postgresBin) missing.push('PostgreSQL server (Debian package postgresql-15)');
  if (!rabbitBin || !epmd) missing.push('RabbitMQ (Debian package rabbitmq-server, which pulls in Erlang)');
  if (!javaHome) missing.push('Java 17 or 21 for Keycloak (Debian package openjdk-17-jre-headless)');
  if (!postgresBin || !rabbitBin || !epmd || !javaHome) {
    throw new Error(`missing system packages:\n  - ${missing.join('\n  - ')}\ninstall them with apt-get (see .ci/run)`);
  }
  return { postgresBin, rabbitBin, epmd, javaHome };
}

async function requireCommand(command: string, versionArg: string, hint: string): Promise<void> {
  try {
    await run(command, [versionArg]);
  } catch {
    throw new Error(`"${command}" is needed to provision the dev stack: ${hint}`);
  }
}

/** Runs a long step, printing a line every `everyMs` so that nobody thinks it hangs. */
async function withProgress<T>(log: Log, label: string, work: Promise<T>, everyMs = 15_000): Promise<T> {
  const started = Date.now();
  log(`${label} ...`);
  const timer = setInterval(() => log(`${label} ... (${Math.round((Date.now() - started) / 1000)} s)`), everyMs);
  try {
    const result = await work;
    log(`${label}: done in ${Math.round((Date.now() - started) / 1000)} s`);
    return result;
  } finally {
    clearInterval(timer);
  }
}

/**
 * Work happens in a private temporary directory that is renamed into place at the end, so an
 * interrupted run leaves nothing half-written and two stacks provisioning at once do not clash.
 */
async function intoPlace(target: string, produce: (tmpDir: string) => Promise<string>): Promise<void> {
  const tmpDir = `${target}.tmp-${process.pid}`;
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  try {
    const produced = await produce(tmpDir);
    renameSync(produced, target);
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

// Pinned so every machine builds the same servers.
const MAILPIT_VERSION = 'v1.33.1';
const MINIO_VERSION = 'v0.0.0-20260212201848-7aac2a2c5b7c';

async function fetchKeycloak(cache: string, log: Log): Promise<string> {
  const zip = join(cache, 'keycloak', `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`);
  if (existsSync(zip)) return zip;
  await requireCommand('mvn', '--version', 'install Maven (Debian package maven)');
  mkdirSync(join(cache, 'keycloak'), { recursive: true });
  await intoPlace(zip, async (tmpDir) => {
    const artifact = `org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip`;
    const mvn = run('mvn', ['-q', '-B', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${tmpDir}`]);
    await withProgress(log, `downloading Keycloak ${KEYCLOAK_VERSION} from Maven Central`, mvn);
    return join(tmpDir, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`);
  });
  return zip;
}

async function goInstall(cache: string, name: string, module: string, version: string, log: Log): Promise<string> {
  // The version is part of the cached name, so changing the pin rebuilds.
  const binary = join(cache, 'bin', `${name}@${version}`);
  if (existsSync(binary)) return binary;
  await requireCommand('go', 'version', 'install Go 1.24 or newer (https://go.dev/dl; Debian 12 golang-go is too old)');
  mkdirSync(join(cache, 'bin'), { recursive: true });
  await intoPlace(binary, async (tmpDir) => {
    const build = run('go', ['install', `${module}@${version}`], { env: { ...process.env, GOBIN: tmpDir } });
    await withProgress(log, `building ${name} from source with go (a few minutes, once)`, build);
    return join(tmpDir, name);
  });
  return binary;
}

/** Fetches/builds whatever is missing; cached, idempotent, quick once done. */
export async function ensureToolchain(log: Log = () => {}): Promise<Toolchain> {
  const system = systemTools();
  const cache = cacheDir();
  const keycloakZip = await fetchKeycloak(cache, log);
  const mailpit = await goInstall(cache, 'mailpit', 'github.com/axllent/mailpit', MAILPIT_VERSION, log);
  const minio = await goInstall(cache, 'minio', 'github.com/minio/minio', MINIO_VERSION, log);
  return { ...system, keycloakZip, minio, mailpit };
}

// Provisioning: locate the servers installed from Debian packages and fetch/build the others
// into a per-user cache, once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { run, type Log } from './process.ts';

export const KEYCLOAK_VERSION = '26.5.6';

/** Everything the stack needs on disk, resolved to absolute paths. */
export interface Toolchain {
  postgresBin: string;
  rabbitBin: string;
  epmd: string;
  javaHome: string;
  keycloakZip: string;
  minio: string;
  mailpit: string;
  /** Jaeger v2 (all in one: OTLP receivers, in-memory storage, UI and query API). */
  jaeger: string;
  prometheus: string;
  /** Prometheus's checker: its config and the alert rules' tests. */
  promtool: string;
  /** PostgreSQL's Prometheus exporter; absent when it could not be built (the stack then runs without it). */
  postgresExporter?: string;
}

export function cacheDir(): string {
  return process.env.CLINIC_CACHE_DIR || join(homedir(), '.cache', 'clinic-booking');
}

/** First existing path, or undefined. */
const firstExisting = (paths: string[]) => paths.find((p) => existsSync(p));

/** Newest PostgreSQL server installed by Debian's postgresql-NN packages. */
export function findPostgresBin(): string | undefined {
  let versions: string[] = [];
  try {
    versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v));
  } catch {
    // not installed
  }
  versions.sort((a, b) => Number(b) - Number(a));
  return firstExisting(versions.map((v) => `/usr/lib/postgresql/${v}/bin`).filter((d) => existsSync(`${d}/postgres`)));
}

/**
 * The Java that Keycloak 26.5 runs on: 21 first (the release's recommended version, Debian's or a
 * Temurin JDK), then 17 (still supported by 26.5, deprecated by Keycloak since 25; the one Debian 12
 * packages). Java 25 is supported only from Keycloak 26.6 on, so a Temurin 25 beside them is left alone;
 * JAVA_HOME, when set, wins, and is used as it is.
 */
function findJavaHome(): string | undefined {
  const supported = ['21', '17'].flatMap((major) =>
    ['amd64', 'arm64'].flatMap((arch) => [`java-${major}-openjdk-${arch}`, `temurin-${major}-jdk-${arch}`, `temurin-${major}-jre-${arch}`]),
  );
  return firstExisting(
    [...(process.env.JAVA_HOME ? [process.env.JAVA_HOME] : []), ...supported.map((c) => `/usr/lib/jvm/${c}`)].filter((home) =>
      existsSync(join(home, 'bin', 'java')),
    ),
  );
}

/**
 * Stops with a message a person can act on, and no stack trace: what is missing on this machine is
 * not a bug of the program.
 */
function fail(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

const hasCommand = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** What a run needs besides the servers: the tests also drive a browser and read PDFs. */
export interface ProvisionOptions {
  forTests?: boolean;
}

/** Debian packages the stack (and the tests, for a test run) needs and this machine lacks, each with what it is for. */
function missingDebianPackages({ forTests = false }: ProvisionOptions): Array<{ pkg: string; why: string }> {
  const missing: Array<{ pkg: string; why: string }> = [];
  if (!findPostgresBin()) missing.push({ pkg: 'postgresql', why: 'PostgreSQL server' });
  if (!existsSync('/usr/lib/rabbitmq/bin') || !firstExisting(['/usr/bin/epmd', '/usr/lib/erlang/bin/epmd'])) {
    missing.push({ pkg: 'rabbitmq-server', why: 'RabbitMQ (pulls in Erlang)' });
  }
  if (!findJavaHome()) missing.push({ pkg: 'openjdk-17-jre-headless', why: 'Java 17 for Keycloak (Debian 12 packages no Java 21)' });
  if (!hasCommand('unzip')) missing.push({ pkg: 'unzip', why: 'unpacks Keycloak' });
  if (!existsSync(join(cacheDir(), 'keycloak', `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`)) && !hasCommand('mvn')) {
    missing.push({ pkg: 'maven', why: 'fetches Keycloak from Maven Central, once' });
  }
  if (forTests && !process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium')) {
    missing.push({ pkg: 'chromium', why: 'the browser the web app’s tests drive (playwright-core downloads none)' });
  }
  if (forTests && !hasCommand('pdftotext')) missing.push({ pkg: 'poppler-utils', why: 'pdftotext, with which the tests read the PDFs' });
  return missing;
}

/**
 * Installs the missing Debian packages when it can (as root, or through sudo without a password),
 * with apt-get's own progress on the terminal; otherwise says the one command to run.
 */
function installDebianPackages(log: Log, options: ProvisionOptions): void {
  const missing = missingDebianPackages(options);
  if (missing.length === 0) return;
  const pkgs = missing.map((m) => m.pkg).join(' ');
  const list = missing.map((m) => `  - ${m.pkg}: ${m.why}`).join('\n');
  const root = process.getuid?.() === 0;
  const sudo = !root && hasCommand('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) {
    fail(
      `Clinic Booking needs these Debian packages, which are not installed:\n${list}\n\n` +
        `Install them with:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${pkgs}\nthen run the same command again.`,
    );
  }
  log(`installing Debian packages (apt-get, a few minutes the first time):\n${list}`);
  const apt = (args: string[]) =>
    spawnSync(root ? 'apt-get' : 'sudo', root ? args : ['apt-get', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (!apt(['update', '-q']) || !apt(['install', '-y', '-q', '--no-install-recommends', ...missing.map((m) => m.pkg)])) {
    fail(`Installing ${pkgs} with apt-get failed (its messages are above). Fix that, or install them by hand, then run the command again.`);
  }
  const still = missingDebianPackages(options);
  if (still.length > 0) fail(`Still missing after apt-get: ${still.map((m) => m.pkg).join(', ')}.`);
}

/** Servers and tools that come from Debian packages, installed first when missing. */
function systemTools(log: Log, options: ProvisionOptions): Pick<Toolchain, 'postgresBin' | 'rabbitBin' | 'epmd' | 'javaHome'> {
  installDebianPackages(log, options);
  return {
    postgresBin: findPostgresBin()!,
    rabbitBin: firstExisting(['/usr/lib/rabbitmq/bin'])!,
    epmd: firstExisting(['/usr/bin/epmd', '/usr/lib/erlang/bin/epmd'])!,
    javaHome: findJavaHome()!,
  };
}

async function requireCommand(command: string, versionArg: string, hint: string): Promise<void> {
  try {
    await run(command, [versionArg]);
  } catch {
    fail(`"${command}" is needed to provision the dev stack: ${hint}`);
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
const PROMETHEUS_MODULE = 'github.com/prometheus/prometheus';
const PROMETHEUS_VERSION = 'v0.316.0';
const POSTGRES_EXPORTER_VERSION = 'v0.17.1';
// The v2 binary (cmd/jaeger), released under the module's v1 tags as well.
const JAEGER_VERSION = 'v1.75.0';

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

const requireGo = (name: string) =>
  requireCommand(
    'go',
    'version',
    `Go 1.24 or newer builds ${name} from source, once. Install it from https://go.dev/dl (Debian 12's golang-go is too old), then run the same command again.`,
  );

async function goInstall(cache: string, name: string, module: string, version: string, log: Log): Promise<string> {
  // The version is part of the cached name, so changing the pin rebuilds.
  const binary = join(cache, 'bin', `${name}@${version}`);
  if (existsSync(binary)) return binary;
  await requireGo(name);
  mkdirSync(join(cache, 'bin'), { recursive: true });
  await intoPlace(binary, async (tmpDir) => {
    const build = run('go', ['install', `${module}@${version}`], { env: { ...process.env, GOBIN: tmpDir } });
    await withProgress(log, `building ${name} from source with go (a few minutes, once)`, build);
    return join(tmpDir, name);
  });
  return binary;
}

/** Prometheus and promtool, built from the same module version (the second build reuses the first's cache). */
export async function ensurePrometheus(log: Log = () => {}): Promise<Pick<Toolchain, 'prometheus' | 'promtool'>> {
  const cache = cacheDir();
  const prometheus = await goInstall(cache, 'prometheus', `${PROMETHEUS_MODULE}/cmd/prometheus`, PROMETHEUS_VERSION, log);
  const promtool = await goInstall(cache, 'promtool', `${PROMETHEUS_MODULE}/cmd/promtool`, PROMETHEUS_VERSION, log);
  return { prometheus, promtool };
}

/**
 * Like goInstall, for a command `go install module@version` refuses: Jaeger's go.mod has `replace`
 * directives, and for postgres_exporter the module proxy refuses the list of versions `go install`
 * asks for. The command is required, at its pinned version, as a tool of a throw-away module, then built.
 */
async function goBuildTool(cache: string, name: string, pkg: string, version: string, log: Log): Promise<string> {
  const binary = join(cache, 'bin', `${name}@${version}`);
  if (existsSync(binary)) return binary;
  await requireGo(name);
  mkdirSync(join(cache, 'bin'), { recursive: true });
  await intoPlace(binary, async (tmpDir) => {
    const inModule = { cwd: tmpDir, env: { ...process.env, GOFLAGS: '-mod=mod' } };
    const build = (async () => {
      await run('go', ['mod', 'init', `clinic-booking/${name}-build`], inModule);
      await run('go', ['get', '-tool', `${pkg}@${version}`], inModule);
      await run('go', ['build', '-o', join(tmpDir, name), pkg], inModule);
    })();
    await withProgress(log, `building ${name} from source with go (several minutes, once)`, build);
    return join(tmpDir, name);
  });
  return binary;
}

/**
 * The PostgreSQL exporter is the one server the stack can do without: when it cannot be built, the
 * stack starts without PostgreSQL's metrics and says so.
 */
async function ensurePostgresExporter(cache: string, log: Log): Promise<string | undefined> {
  const pkg = 'github.com/prometheus-community/postgres_exporter/cmd/postgres_exporter';
  try {
    return await goBuildTool(cache, 'postgres_exporter', pkg, POSTGRES_EXPORTER_VERSION, log);
  } catch (error) {
    log(
      `postgres_exporter could not be built, PostgreSQL's metrics stay off: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
    return undefined;
  }
}

/** The servers the project fetches or builds itself (also what the air-gapped image build packs). */
export async function ensureServerDistributions(
  log: Log = () => {},
): Promise<Pick<Toolchain, 'keycloakZip' | 'minio' | 'mailpit' | 'jaeger' | 'prometheus' | 'promtool' | 'postgresExporter'>> {
  const cache = cacheDir();
  const keycloakZip = await fetchKeycloak(cache, log);
  const mailpit = await goInstall(cache, 'mailpit', 'github.com/axllent/mailpit', MAILPIT_VERSION, log);
  const minio = await goInstall(cache, 'minio', 'github.com/minio/minio', MINIO_VERSION, log);
  const jaeger = await goBuildTool(cache, 'jaeger', 'github.com/jaegertracing/jaeger/cmd/jaeger', JAEGER_VERSION, log);
  const postgresExporter = await ensurePostgresExporter(cache, log);
  return { keycloakZip, minio, mailpit, jaeger, ...(await ensurePrometheus(log)), ...(postgresExporter ? { postgresExporter } : {}) };
}

/** Fetches/builds whatever is missing; cached, idempotent, quick once done. */
export async function ensureToolchain(log: Log = () => {}, options: ProvisionOptions = {}): Promise<Toolchain> {
  const system = systemTools(log, options);
  return { ...system, ...(await ensureServerDistributions(log)) };
}

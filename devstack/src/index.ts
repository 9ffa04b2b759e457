// @clinic/devstack: the real infrastructure servers (PostgreSQL, RabbitMQ, Keycloak, MinIO,
// Mailpit, Jaeger, Prometheus and PostgreSQL's exporter) as ordinary local processes on 127.0.0.1, one
// independent stack per profile.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StartContext, Started } from './context.ts';
import { startJaeger, type JaegerInfo } from './jaeger.ts';
import { startKeycloak, type KeycloakInfo } from './keycloak.ts';
import { startMailpit, type MailInfo } from './mailpit.ts';
import { startMinio, type MinioInfo } from './minio.ts';
import { startPostgres, type PostgresInfo } from './postgres.ts';
import { postgresTls } from './postgres-tls.ts';
import { startPostgresExporter, startPrometheus, type PrometheusInfo } from './prometheus.ts';
import { assertPortsFree, killLeftovers, processAlive, processStartTime, type Log } from './process.ts';
import { loadSecrets, type StackProfile } from './profile.ts';
import { ensureToolchain, type ProvisionOptions } from './provision.ts';
import { startRabbit, type RabbitInfo } from './rabbitmq.ts';

export { metricsPort, stackProfile, REPO_ROOT, SERVICE_SCHEMAS } from './profile.ts';
export type { ProfileName, ServiceSchema, StackPorts, StackProfile } from './profile.ts';
export { cacheDir } from './provision.ts';
export { postgresCaFile, postgresTls } from './postgres-tls.ts';
export { pauseServer, resumeServer } from './process.ts';
export type { JaegerInfo, KeycloakInfo, MailInfo, MinioInfo, PostgresInfo, PrometheusInfo, RabbitInfo };

export type Infra = {
  postgres: PostgresInfo;
  keycloak: KeycloakInfo;
  minio: MinioInfo;
  /** The profile's APPOINTMENT_LINK_SECRET, from secrets.json. */
  appointmentLinkSecret: string;
  /** Stops everything it started, in reverse order; safe to call more than once. */
  stop(): Promise<void>;
} & RabbitInfo &
  MailInfo &
  PrometheusInfo &
  JaegerInfo;

/** Reverse start order, used when stopping leftovers of an earlier session. */
const STOP_ORDER = ['keycloak', 'prometheus', 'postgres_exporter', 'jaeger', 'mailpit', 'minio', 'rabbitmq', 'epmd', 'postgres'];

/** Fetches/builds whatever is missing (Keycloak, MinIO, Mailpit, Jaeger, Prometheus, promtool, postgres_exporter); cached, idempotent. */
export async function provision(log?: Log, options?: ProvisionOptions): Promise<void> {
  await ensureToolchain(log, options);
}

/** Kills whatever the profile's pid files name: the servers of a crashed or killed earlier session. */
export async function stopLeftovers(profile: StackProfile, log?: Log): Promise<void> {
  const owner = liveOwner(profile);
  if (owner !== undefined) log?.(`note: process ${owner} still runs this stack and will lose its servers`);
  await killLeftovers(join(profile.stateDir, 'run'), STOP_ORDER, log);
}

/**
 * <stateDir>/run/owner.json names the process whose startInfra() runs the profile's stack, so that
 * a second start (another terminal, a second test run) fails clearly instead of killing the
 * first one's servers as "leftovers".
 */
const ownerFile = (profile: StackProfile) => join(profile.stateDir, 'run', 'owner.json');

function liveOwner(profile: StackProfile): number | undefined {
  if (!existsSync(ownerFile(profile))) return undefined;
  try {
    const { pid, startTime } = JSON.parse(readFileSync(ownerFile(profile), 'utf8')) as { pid: number; startTime: number };
    return processAlive(pid, startTime) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function claimProfile(profile: StackProfile): () => void {
  const owner = liveOwner(profile);
  if (owner !== undefined) {
    const who = owner === process.pid ? 'this process' : `process ${owner}`;
    throw new Error(
      `the "${profile.name}" stack is already running, started by ${who}; stop it there ` +
        `(or, if that process is stuck: node devstack/src/cli.ts down ${profile.name})`,
    );
  }
  mkdirSync(join(profile.stateDir, 'run'), { recursive: true });
  writeFileSync(ownerFile(profile), JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid) }));
  return () => rmSync(ownerFile(profile), { force: true });
}

export async function startInfra(profile: StackProfile, opts: { fresh?: boolean; log?: (line: string) => void } = {}): Promise<Infra> {
  const log = opts.log ?? (() => {});
  const begun = Date.now();
  const tools = await ensureToolchain(log);
  const release = claimProfile(profile);

  const started: Started<unknown>[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      for (const server of [...started].reverse()) {
        await server.stop().catch((err: Error) => log(`${server.name}: stop failed: ${err.message}`));
      }
      release();
    })());
  const abort = new AbortController();
  const guard = guardSignals(abort, stopAll);
  const timed = async <T>(start: Promise<Started<T>>): Promise<Started<T>> => {
    const server = await start;
    started.push(server);
    log(`${server.name} ready (${((Date.now() - begun) / 1000).toFixed(1)} s)`);
    return server;
  };

  try {
    const ctx: StartContext = { profile, secrets: loadSecrets(profile), tools, fresh: opts.fresh ?? false, log, signal: abort.signal };
    await killLeftovers(join(profile.stateDir, 'run'), STOP_ORDER, log);
    const { ports } = profile;
    await assertPortsFree({
      postgres: ports.postgres,
      amqp: ports.amqp,
      rabbitMgmt: ports.rabbitMgmt,
      rabbitDist: ports.rabbitDist,
      epmd: ports.epmd,
      keycloak: ports.keycloak,
      keycloakMgmt: ports.keycloakMgmt,
      minio: ports.minio,
      minioConsole: ports.minioConsole,
      smtp: ports.smtp,
      mail: ports.mail,
      prometheus: ports.prometheus,
      rabbitPrometheus: ports.rabbitPrometheus,
      postgresExporter: ports.postgresExporter,
      jaegerUi: ports.jaegerUi,
      otlpHttp: ports.otlpHttp,
      otlpGrpc: ports.otlpGrpc,
      jaegerInternal: ports.jaegerInternal,
    });

    // Keycloak needs PostgreSQL; the others are independent of each other.
    const results = await Promise.allSettled([
      timed(startPostgres(ctx, { tls: postgresTls() })),
      timed(startRabbit(ctx)),
      timed(startMinio(ctx)),
      timed(startMailpit(ctx)),
      timed(startPrometheus(ctx, { postgresExporter: Boolean(tools.postgresExporter) })),
      timed(startJaeger(ctx)),
    ]);
    const failures = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r.reason instanceof Error ? r.reason.message : String(r.reason)));
    if (failures.length > 0) throw new Error(failures.join('\n\n'));
    const [postgres, rabbit, minio, mail, prometheus, jaeger] = results.map(
      (r) => (r as PromiseFulfilledResult<Started<unknown>>).value,
    ) as [Started<PostgresInfo>, Started<RabbitInfo>, Started<MinioInfo>, Started<MailInfo>, Started<PrometheusInfo>, Started<JaegerInfo>];
    if (tools.postgresExporter) await timed(startPostgresExporter(ctx, tools.postgresExporter, postgres.info.adminUrl));
    log('keycloak: starting (30-60 s; longer on the first start of a profile)');
    const keycloak = await timed(startKeycloak(ctx, postgres.info));
    if (abort.signal.aborted) throw new Error('start interrupted');
    guard.started();
    return {
      postgres: postgres.info,
      ...rabbit.info,
      keycloak: keycloak.info,
      minio: minio.info,
      appointmentLinkSecret: ctx.secrets.appointmentLinkSecret,
      ...mail.info,
      ...prometheus.info,
      ...jaeger.info,
      async stop() {
        await stopAll();
        guard.dispose();
      },
    };
  } catch (err) {
    await stopAll();
    guard.dispose();
    guard.reraise();
    throw err;
  }
}

/** The SIGINT/SIGTERM handlers of all running stacks, so that they do not count each other as "the caller's". */
const ourHandlers = new Set<unknown>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Makes Ctrl-C / SIGTERM in the caller leave no orphans (our children run in their own
 * process groups, so the terminal's SIGINT does not reach them):
 * - during start-up, the start is aborted and what is already running is stopped;
 * - afterwards, if the caller handles the signal itself it is expected to call stop();
 *   if not, we stop the stack and then let the signal terminate the process as it would have.
 */
function guardSignals(abort: AbortController, stopAll: () => Promise<void>) {
  let received: NodeJS.Signals | undefined;
  const callerHandles = (sig: NodeJS.Signals) => process.listeners(sig).some((l) => !ourHandlers.has(l));
  const handler = (sig: NodeJS.Signals) => {
    received = sig;
    if (!abort.signal.aborted) abort.abort();
    // While starting, the failing start does the clean-up and re-raises (see reraise).
    if (starting || callerHandles(sig)) return;
    void stopAll().finally(() => {
      dispose();
      process.kill(process.pid, sig);
    });
  };
  let starting = true;
  const dispose = () => {
    for (const sig of SIGNALS) process.off(sig, handler);
    ourHandlers.delete(handler);
  };
  ourHandlers.add(handler);
  for (const sig of SIGNALS) process.on(sig, handler);
  return {
    dispose,
    /** After a start interrupted by a signal that nobody else handles: terminate as the signal would have. */
    reraise() {
      starting = false;
      if (received && !callerHandles(received)) process.kill(process.pid, received);
    },
    started() {
      starting = false;
    },
  };
}

// Prometheus: scrapes every service process, RabbitMQ, PostgreSQL (through its exporter), Keycloak
// and Jaeger, and evaluates the alert rules of deploy/prometheus/alerts.yml. Supervised like the
// other servers. Built with `go install`, it has no web UI (its assets are built with npm in
// Prometheus's own release process); its HTTP API (/api/v1/…) is complete, and that is what the
// gateway's System page and the tests read.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearPause, serverDir, spawnServer, startOrCleanUp, supervise, type StartContext, type Started } from './context.ts';
import { httpOk, waitReady, type ManagedProcess } from './process.ts';
import { metricsPort, REPO_ROOT, serviceProcesses, type StackProfile } from './profile.ts';

export interface PrometheusInfo {
  /** Prometheus's HTTP API base, e.g. http://127.0.0.1:8216. */
  prometheusUrl: string;
}

/** The alert rules, the same file the Swarm stack's Prometheus loads. */
export const ALERT_RULES = join(REPO_ROOT, 'deploy', 'prometheus', 'alerts.yml');

interface ScrapeTarget {
  targets: string[];
  labels?: Record<string, string>;
}

interface ScrapeJob {
  job_name: string;
  metrics_path?: string;
  static_configs: ScrapeTarget[];
}

const at = (port: number) => `127.0.0.1:${port}`;

/**
 * Every job of the contract: one per service (each process its own target, its `instance` label the
 * process's name, so the System page names the replica that is down), then the servers' own metrics.
 */
export function scrapeJobs(profile: StackProfile, options: { postgresExporter: boolean }): ScrapeJob[] {
  const { ports } = profile;
  const byJob = new Map<string, ScrapeTarget[]>();
  for (const process of serviceProcesses(ports)) {
    const targets = byJob.get(process.job) ?? [];
    targets.push({ targets: [at(metricsPort(process.port))], labels: { instance: process.name } });
    byJob.set(process.job, targets);
  }
  const one = (job_name: string, port: number, metrics_path?: string): ScrapeJob => ({
    job_name,
    ...(metrics_path ? { metrics_path } : {}),
    static_configs: [{ targets: [at(port)], labels: { instance: job_name } }],
  });
  return [
    ...[...byJob].map(([job_name, static_configs]) => ({ job_name, static_configs })),
    one('rabbitmq', ports.rabbitPrometheus),
    ...(options.postgresExporter ? [one('postgres', ports.postgresExporter)] : []),
    // Keycloak serves its metrics on the management port, under its relative path.
    one('keycloak', ports.keycloakMgmt, '/auth/metrics'),
    one('jaeger', ports.jaegerInternal),
  ];
}

/**
 * The generated configuration. JSON is YAML, so no YAML writer is needed. Test stacks scrape and
 * evaluate every 2 s, so that a test sees a metric move or an alert's `for` run out within seconds of
 * the condition; `npm start`, and the benchmark (CLINIC_PLATFORM_TIMERS=on, the platform's own pace),
 * use Prometheus's usual 15 s, as the Swarm stack does.
 */
export function prometheusConfig(profile: StackProfile, options: { postgresExporter: boolean; rules?: string }): string {
  const platformPace = profile.name === 'dev' || process.env.CLINIC_PLATFORM_TIMERS === 'on';
  const config = {
    global: platformPace
      ? { scrape_interval: '15s', evaluation_interval: '15s', scrape_timeout: '10s' }
      : { scrape_interval: '2s', evaluation_interval: '2s', scrape_timeout: '2s' },
    rule_files: [options.rules ?? ALERT_RULES],
    scrape_configs: scrapeJobs(profile, options),
  };
  return JSON.stringify(config, null, 2) + '\n';
}

export async function startPrometheus(ctx: StartContext, options: { postgresExporter: boolean }): Promise<Started<PrometheusInfo>> {
  const { ports } = ctx.profile;
  const dir = serverDir(ctx, 'prometheus', ctx.fresh);
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, prometheusConfig(ctx.profile, options));
  clearPause(ctx, 'prometheus');
  const procs: ManagedProcess[] = [];
  const spawn = (restart: boolean) =>
    spawnServer(ctx, {
      name: 'prometheus',
      command: ctx.tools.prometheus,
      args: [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        // The System page shows the last hour; a day is plenty for a local stack.
        '--storage.tsdb.retention.time=1d',
        `--web.listen-address=${at(ports.prometheus)}`,
      ],
      cwd: dir,
      appendLog: restart,
    });
  return startOrCleanUp(procs, async () => {
    const proc = spawn(false);
    procs.push(proc);
    const prometheusUrl = `http://${at(ports.prometheus)}`;
    await waitReady({ name: 'prometheus', proc, timeoutMs: 60_000, signal: ctx.signal, ready: () => httpOk(`${prometheusUrl}/-/ready`) });
    const supervised = supervise(ctx, 'prometheus', proc, () => spawn(true));
    return { name: 'prometheus', info: { prometheusUrl }, stop: () => supervised.stop() };
  });
}

/** PostgreSQL's metrics (connections, transactions, locks, database sizes) for Prometheus, as the superuser. */
export async function startPostgresExporter(ctx: StartContext, exporter: string, adminUrl: string): Promise<Started<undefined>> {
  const { ports } = ctx.profile;
  const dir = serverDir(ctx, 'postgres-exporter');
  clearPause(ctx, 'postgres_exporter');
  // The admin URL asks for verified TLS when PostgreSQL speaks TLS only (lib/pq reads sslmode and
  // sslrootcert as libpq does); otherwise plain text, since lib/pq would try TLS first and fail.
  const url = new URL(adminUrl);
  if (!url.searchParams.has('sslmode')) url.searchParams.set('sslmode', 'disable');
  const procs: ManagedProcess[] = [];
  const spawn = (restart: boolean) =>
    spawnServer(ctx, {
      name: 'postgres_exporter',
      command: exporter,
      args: [`--web.listen-address=${at(ports.postgresExporter)}`],
      env: { ...process.env, DATA_SOURCE_NAME: url.toString() },
      cwd: dir,
      appendLog: restart,
    });
  return startOrCleanUp(procs, async () => {
    const proc = spawn(false);
    procs.push(proc);
    await waitReady({
      name: 'postgres_exporter',
      proc,
      timeoutMs: 30_000,
      signal: ctx.signal,
      ready: () => httpOk(`http://${at(ports.postgresExporter)}/metrics`),
    });
    const supervised = supervise(ctx, 'postgres_exporter', proc, () => spawn(true));
    return { name: 'postgres_exporter', info: undefined, stop: () => supervised.stop() };
  });
}

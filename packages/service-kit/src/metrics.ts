import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's one registry: every metric of the service is declared into it where the thing it
 * measures happens, and `GET /metrics` on the metrics listener (METRICS_PORT) reads it. One per
 * process, so a module declares its counters once, whichever replica or test builds the app.
 */
export const metricsRegistry = new Registry();

/** A scrape-time read that takes longer is given up (the gauge keeps its last value): a scrape never hangs. */
const SCRAPE_READ_TIMEOUT_MS = 2_000;

interface MetricConfig<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

/** A counter of the process's registry; declared again under the same name, the same counter. */
export function counter<L extends string = never>(config: MetricConfig<L>): Counter<L> {
  return (
    (metricsRegistry.getSingleMetric(config.name) as Counter<L> | undefined) ?? new Counter({ ...config, registers: [metricsRegistry] })
  );
}

/** A histogram of the process's registry (`buckets` in the unit of its name); declared again, the same one. */
export function histogram<L extends string = never>(config: MetricConfig<L> & { buckets?: number[] }): Histogram<L> {
  return (
    (metricsRegistry.getSingleMetric(config.name) as Histogram<L> | undefined) ?? new Histogram({ ...config, registers: [metricsRegistry] })
  );
}

/** A gauge set as things happen; declared again, the same one. */
export function gauge<L extends string = never>(config: MetricConfig<L>): Gauge<L> {
  return (metricsRegistry.getSingleMetric(config.name) as Gauge<L> | undefined) ?? new Gauge({ ...config, registers: [metricsRegistry] });
}

/**
 * A gauge read when Prometheus scrapes (a count in the database, a queue's depth at the broker): `read`
 * sets its values. A read that fails or takes over two seconds leaves the last values, so a scrape
 * answers even while a dependency is down. Declared again (the app built again), the new `read` replaces the old.
 */
export function gaugeAtScrape<L extends string = never>(config: MetricConfig<L>, read: (gauge: Gauge<L>) => Promise<void>): Gauge<L> {
  metricsRegistry.removeSingleMetric(config.name);
  return new Gauge<L>({
    ...config,
    registers: [metricsRegistry],
    async collect() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, SCRAPE_READ_TIMEOUT_MS)));
      await Promise.race([read(this).catch(() => {}), timeout]).finally(() => clearTimeout(timer));
    },
  });
}

/**
 * One read for several gauges of one scrape (an outbox's count and age come from one query): callers
 * while a read is in flight share it; the next scrape reads anew.
 */
export function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => (inFlight ??= read().finally(() => (inFlight = undefined)));
}

let defaultMetricsOn = false;

/**
 * The metrics listener: `GET /metrics` (Prometheus text: the process's default metrics and the
 * service's own) on a port of its own, apart from the service's HTTP port, so the gateway can never
 * expose it; anything else is a 404.
 */
export async function startMetricsServer({ host, port }: { host: string; port: number }): Promise<{ close(): Promise<void> }> {
  if (!defaultMetricsOn) {
    collectDefaultMetrics({ register: metricsRegistry });
    defaultMetricsOn = true;
  }
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: only GET /metrics here\n');
      return;
    }
    metricsRegistry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text),
      (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics not read: ${String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

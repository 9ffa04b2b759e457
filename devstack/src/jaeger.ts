// Jaeger: receives the services' spans over OTLP and shows the traces (UI and query API). Its v2
// binary (an OpenTelemetry Collector with Jaeger's extensions) is configured by a YAML file written
// here for the profile: traces kept in memory (a restart forgets them), every port the profile's own.
// Supervised like Mailpit: started again when it dies.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverDir, spawnServer, startOrCleanUp, supervise, type StartContext, type Started } from './context.ts';
import { httpOk, waitReady, type ManagedProcess } from './process.ts';
import type { StackPorts } from './profile.ts';

export interface JaegerInfo {
  /** Jaeger's UI; its query API under /api (e.g. /api/traces/<trace id>). */
  jaegerUrl: string;
  /** Where the services send their spans (OTEL_EXPORTER_OTLP_ENDPOINT, OTLP over HTTP). */
  otlpEndpoint: string;
  /** Jaeger's own metrics in Prometheus format (`/metrics`). */
  jaegerMetricsUrl: string;
}

/** Most traces kept in memory; the oldest are forgotten first. */
const MAX_TRACES = 50_000;

/**
 * The configuration of Jaeger v2 for a profile. Every port it would otherwise take by default is
 * named: the OTLP receivers, the UI and query API, its own telemetry; the query's gRPC API, which
 * nothing here uses, takes a free port the system picks, so two profiles never meet on one.
 */
export function jaegerConfig(ports: Pick<StackPorts, 'jaegerUi' | 'otlpHttp' | 'otlpGrpc' | 'jaegerInternal'>): string {
  return `# Written by devstack/src/jaeger.ts at every start.
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    resource:
      service.name: jaeger
    metrics:
      level: basic
      readers:
        - pull:
            exporter:
              prometheus:
                host: 127.0.0.1
                port: ${ports.jaegerInternal}
    logs:
      level: warn

extensions:
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:${ports.jaegerUi}
    grpc:
      endpoint: 127.0.0.1:0
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: ${MAX_TRACES}

receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:${ports.otlpGrpc}
      http:
        endpoint: 127.0.0.1:${ports.otlpHttp}

processors:
  batch:
    timeout: 200ms

exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
}

export async function startJaeger(ctx: StartContext): Promise<Started<JaegerInfo>> {
  const { ports } = ctx.profile;
  const dir = serverDir(ctx, 'jaeger', true);
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, jaegerConfig(ports));
  const procs: ManagedProcess[] = [];
  const spawn = (restart: boolean) =>
    spawnServer(ctx, { name: 'jaeger', command: ctx.tools.jaeger, args: ['--config', configFile], cwd: dir, appendLog: restart });
  return startOrCleanUp(procs, async () => {
    const proc = spawn(false);
    procs.push(proc);
    const jaegerUrl = `http://127.0.0.1:${ports.jaegerUi}`;
    await waitReady({ name: 'jaeger', proc, timeoutMs: 60_000, signal: ctx.signal, ready: () => httpOk(`${jaegerUrl}/api/services`) });
    const supervised = supervise(ctx, 'jaeger', proc, () => spawn(true));
    return {
      name: 'jaeger',
      info: {
        jaegerUrl,
        otlpEndpoint: `http://127.0.0.1:${ports.otlpHttp}`,
        jaegerMetricsUrl: `http://127.0.0.1:${ports.jaegerInternal}/metrics`,
      },
      stop: () => supervised.stop(),
    };
  });
}

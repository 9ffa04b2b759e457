import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { redactUrl } from './logger.ts';
import { TRACEPARENT_HEADER } from './trace-context.ts';
import { tracePostgres } from './pg-tracing.ts';

type Environment = Record<string, string | undefined>;

/**
 * The sampler the standard variables ask for (OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG): by
 * default every trace is kept (`parentbased_always_on`); `parentbased_traceidratio` with an argument
 * of 0.1 keeps one trace in ten, and a request that arrives sampled (or not) keeps its caller's choice.
 */
export function samplerFromEnvironment(env: Environment): Sampler {
  const ratio = () => {
    const value = Number(env.OTEL_TRACES_SAMPLER_ARG ?? '1');
    return new TraceIdRatioBasedSampler(Number.isFinite(value) && value >= 0 && value <= 1 ? value : 1);
  };
  switch ((env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on').trim().toLowerCase()) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio();
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio() });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/** Where spans are sent: the OTLP/HTTP endpoint's traces path (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT wins, as the standard says). */
export function tracesUrl(env: Environment): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
}

/** A `traceparent` header among raw header lines, whatever its case. */
const TRACEPARENT_LINE = new RegExp(`(^|\r\n)${TRACEPARENT_HEADER}:`, 'i');

/**
 * Whether an outgoing request carries a `traceparent` its sender wrote: the gateway passing a request on
 * under its own server span. Such a call gets no CLIENT span: the span of the service it reaches is the
 * child of the gateway's, and a second span per request would double the gateway's tracing work for
 * nothing the trace does not already show. Undici gives the headers as raw lines or as name, value pairs.
 */
export function namesItsTraceContext(headers: unknown): boolean {
  if (typeof headers === 'string') return TRACEPARENT_LINE.test(headers);
  if (!Array.isArray(headers)) return false;
  for (let i = 0; i < headers.length; i += 2) if (String(headers[i]).toLowerCase() === TRACEPARENT_HEADER) return true;
  return false;
}

let provider: TracerProvider | undefined;

/**
 * Starts the OpenTelemetry SDK when OTEL_EXPORTER_OTLP_ENDPOINT is set (else nothing is traced and
 * nothing exported): the context manager that carries the active span across awaits, W3C trace
 * context, spans batched to the OTLP/HTTP endpoint, and spans for outgoing HTTP calls (undici, followed
 * through its diagnostics channels) and for PostgreSQL queries. The HTTP server's spans are made by
 * http.ts and the AMQP hops' by @clinic/messaging, by hand: the project runs as ES modules, where the
 * module hooks of the automatic instrumentations do not reach.
 */
export function startTracing(defaultServiceName: string, env: Environment = process.env): boolean {
  const url = tracesUrl(env);
  if (!url || provider) return provider !== undefined;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const delay = Number(env.OTEL_BSP_SCHEDULE_DELAY ?? 1_000);
  provider = new TracerProvider({
    sampler: samplerFromEnvironment(env),
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME || defaultServiceName,
      // Which replica a span comes from (appointment-service-2), as Jaeger's process tags show it.
      ...(env.REPLICA_NAME ? { 'service.instance.id': env.REPLICA_NAME } : {}),
    }),
    spanProcessors: [
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }), scheduledDelayMillis: Number.isFinite(delay) ? delay : 1_000 }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  // Calls nobody asked for within a traced piece of work (a periodic job's) make no trace of their own.
  // Their URLs as the logs show them: no search term, credential or emailed link's token in a span.
  new UndiciInstrumentation({
    requireParentforSpans: true,
    ignoreRequestHook: (request) => namesItsTraceContext(request.headers),
    startSpanHook: (request) => {
      const url = new URL(request.path, request.origin);
      return { 'url.full': redactUrl(url.toString()), 'url.path': redactUrl(url.pathname), 'url.query': redactUrl(url.search) };
    },
  }).enable();
  tracePostgres();
  return true;
}

/** Sends the spans still batched (at shutdown); resolves at once when tracing is off. */
export async function flushTracing(): Promise<void> {
  await provider?.shutdown().catch(() => {});
}

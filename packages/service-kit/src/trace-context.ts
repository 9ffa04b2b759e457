import { randomBytes } from 'node:crypto';
import {
  context as otelContext,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { RequestContext } from './request-context.ts';

export { SpanKind, SpanStatusCode, type Attributes, type Context, type Span };

/** The W3C `traceparent` header, on HTTP requests and AMQP messages alike. */
export const TRACEPARENT_HEADER = 'traceparent';

/**
 * W3C trace context (`traceparent`, `tracestate`), used directly rather than through the global
 * propagator, so headers are read and written the same way whether the SDK runs or not.
 */
const w3c = new W3CTraceContextPropagator();

/** The tracer every span of the platform's own code is made with (a no-op one while tracing is off). */
export const tracer = () => trace.getTracer('@clinic/service-kit');

type Headers = Record<string, unknown>;

/** `headers` with the trace context of `context` (the active one by default) written into them. */
export function injectTraceHeaders<H extends Headers>(headers: H, context: Context = otelContext.active()): H {
  w3c.inject(context, headers, defaultTextMapSetter);
  return headers;
}

/** The trace context a request or a message arrived with (ROOT_CONTEXT when it carries none, or a malformed one). */
export function extractTraceContext(headers: Headers | undefined): Context {
  if (!headers) return ROOT_CONTEXT;
  const textHeaders = Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      typeof value === 'string' ? [[name.toLowerCase(), value]] : Buffer.isBuffer(value) ? [[name.toLowerCase(), value.toString()]] : [],
    ),
  );
  return w3c.extract(ROOT_CONTEXT, textHeaders, defaultTextMapGetter);
}

/** The `traceparent` text of a trace context, or null when it is in no trace (tracing off, or outside any request). */
export function traceparentOf(context: Context | undefined): string | null {
  if (!context) return null;
  const headers: Record<string, string> = {};
  injectTraceHeaders(headers, context);
  return headers[TRACEPARENT_HEADER] ?? null;
}

/** The OpenTelemetry context of the work in progress (its active span). */
export const activeTraceContext = (): Context => otelContext.active();

/** The `traceparent` of the work in progress, stored with an outbox event so its publication continues the trace. */
export const currentTraceparent = (): string | null => traceparentOf(otelContext.active());

/** The trace context a stored `traceparent` names (undefined for none): what the outbox relay publishes an event under. */
export function traceContextOf(traceparent: string | null | undefined): Context | undefined {
  if (!traceparent) return undefined;
  const context = extractTraceContext({ [TRACEPARENT_HEADER]: traceparent });
  return trace.getSpanContext(context) ? context : undefined;
}

/** The trace id of a context's span, if it is in a trace. */
export function traceIdOf(context: Context | undefined): string | undefined {
  const spanContext = context && trace.getSpanContext(context);
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/** A new W3C trace id (32 hex digits): a request id when no trace gives one. */
export const newTraceId = (): string => randomBytes(16).toString('hex');

/** The request context of work done under `context`'s trace, its request id the caller's or else the trace id. */
export function tracedRequestContext(requestId: string | undefined, context: Context): RequestContext {
  return { requestId: requestId ?? traceIdOf(context) ?? newTraceId(), trace: context };
}

/**
 * The context of work resumed from a stored record (an outbox event, an email waiting to be sent): the
 * request and trace that recorded it, or none when it names neither.
 */
export function recordedRequestContext(
  requestId: string | null | undefined,
  traceparent: string | null | undefined,
): RequestContext | undefined {
  const context = traceContextOf(traceparent);
  const id = requestId ?? traceIdOf(context);
  return id ? { requestId: id, trace: context } : undefined;
}

/** Whether the work in progress belongs to a trace: spans of what it calls (a query) are made only then. */
export const inTrace = (): boolean => traceIdOf(otelContext.active()) !== undefined;

/**
 * Runs `work` in a new span, child of `parent` (the active context by default), active while it runs;
 * the span ends when `work` settles, marked as an error when it throws.
 */
export async function inSpan<T>(
  name: string,
  options: { kind: SpanKind; attributes?: Attributes },
  work: (span: Span) => Promise<T>,
  parent: Context = otelContext.active(),
): Promise<T> {
  const span = tracer().startSpan(name, options, parent);
  try {
    return await otelContext.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    markFailed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Marks a span as failed with the error that ended it. */
export function markFailed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  if (error instanceof Error) span.recordException(error);
}

import type { IncomingMessage } from 'node:http';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { acceptedRequestId, REQUEST_ID_HEADER, type RequestContext } from './request-context.ts';
import { extractTraceContext, newTraceId, SpanKind, SpanStatusCode, traceIdOf, tracer, type Span } from './trace-context.ts';

/** The span of each request the server is handling, from the moment its id is chosen. */
const serverSpans = new WeakMap<IncomingMessage, Span>();

/** Probes answer orchestrators every few seconds: they would bury the traces of real requests. */
const UNTRACED_PATHS = /^\/(health|ready)(\?|$)/;

/**
 * Fastify's `genReqId`: starts the request's SERVER span (the child of the `traceparent` it came with,
 * if any) and answers the request's id, the one every log line of it carries. That id is the trace id,
 * so a log line leads to the trace and back; a request id the caller chose (`x-request-id`, as the
 * gateway sends it on) is kept as it is, and the span records it (`clinic.request_id`) when it is not
 * the trace id. Without tracing, the id still comes from the incoming `traceparent`, or is a new trace id.
 */
export function beginServerSpan(req: IncomingMessage): string {
  const given = acceptedRequestId(req.headers[REQUEST_ID_HEADER]);
  const parent = extractTraceContext(req.headers);
  if (UNTRACED_PATHS.test(req.url ?? '')) return given ?? newTraceId();
  const span = tracer().startSpan(
    req.method ?? 'HTTP',
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '' } },
    parent,
  );
  serverSpans.set(req, span);
  const traceId = traceIdOf(trace.setSpan(ROOT_CONTEXT, span));
  if (given && given !== traceId && span.isRecording()) span.setAttribute('clinic.request_id', given);
  return given ?? traceId ?? newTraceId();
}

/** The request context a request is handled in: its id, and its span as the active one. */
export function serverRequestContext(req: IncomingMessage, requestId: string): RequestContext {
  const span = serverSpans.get(req);
  return span ? { requestId, trace: trace.setSpan(ROOT_CONTEXT, span) } : { requestId };
}

/** Ends the request's span, named by its route's pattern (`GET /appointments/:id`, never the raw URL) and with its status. */
export function endServerSpan(req: IncomingMessage, route: string | undefined, statusCode: number): void {
  const span = serverSpans.get(req);
  if (!span) return;
  serverSpans.delete(req);
  if (span.isRecording()) {
    span.updateName(route ? `${req.method} ${route}` : (req.method ?? 'HTTP'));
    span.setAttributes({ 'http.response.status_code': statusCode, ...(route ? { 'http.route': route } : {}) });
    if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

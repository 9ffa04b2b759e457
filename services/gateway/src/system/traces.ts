import { TRACE_SPAN_ATTRIBUTES, type SystemTrace, type TraceSpan } from '@clinic/contracts';
import type { JaegerClient, JaegerSpan, JaegerTag, JaegerTrace } from './jaeger-client.ts';

const tagOf = (tags: JaegerTag[] | undefined, key: string) => tags?.find((tag) => tag.key === key)?.value;
const SHOWN = new Set<string>(TRACE_SPAN_ATTRIBUTES);

/**
 * The attributes a span shows: a fixed few that say where the work went. Statements, URLs and the
 * notification's ids stay in Jaeger; a query's operation is the keyword its span is named after.
 */
export function safeAttributes(span: Pick<JaegerSpan, 'operationName' | 'tags'>): TraceSpan['attributes'] {
  const shown: TraceSpan['attributes'] = {};
  for (const { key, value } of span.tags ?? []) {
    if (SHOWN.has(key) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) shown[key] = value;
  }
  const keyword = /^pg ([A-Z]+)$/.exec(span.operationName)?.[1];
  if (tagOf(span.tags, 'db.system.name') !== undefined && keyword) shown['db.operation.name'] = keyword;
  return shown;
}

/** Failed spans: an ERROR status (OTLP's), or Jaeger's own `error` tag. */
const failed = (tags: JaegerTag[] | undefined) => tagOf(tags, 'otel.status_code') === 'ERROR' || tagOf(tags, 'error') === true;

/** A Jaeger trace as the System page shows it: each span timed from the first one's start, in tree order. */
export function toSystemTrace(trace: JaegerTrace): SystemTrace {
  const start = Math.min(...trace.spans.map((span) => span.startTime));
  const end = Math.max(...trace.spans.map((span) => span.startTime + span.duration));
  const ids = new Set(trace.spans.map((span) => span.spanID));
  const spans = trace.spans.map((span): TraceSpan => {
    const process = trace.processes[span.processID];
    const parent = span.references?.find((ref) => ref.refType === 'CHILD_OF' && ids.has(ref.spanID))?.spanID ?? null;
    const instance = tagOf(process?.tags, 'service.instance.id');
    const kind = tagOf(span.tags, 'span.kind');
    return {
      span_id: span.spanID,
      parent_id: parent,
      service: process?.serviceName ?? '',
      instance: typeof instance === 'string' ? instance : null,
      operation: span.operationName,
      kind: typeof kind === 'string' ? kind : null,
      start_us: Math.round(span.startTime - start),
      duration_us: Math.round(span.duration),
      error: failed(span.tags),
      attributes: safeAttributes(span),
    };
  });
  return {
    trace_id: trace.traceID.padStart(32, '0'),
    started_at: new Date(Math.floor(start / 1000)).toISOString(),
    duration_us: Math.round(end - start),
    spans: inTreeOrder(spans),
  };
}

/** Each span followed by the spans it holds, siblings by start: the order a waterfall reads in. */
export function inTreeOrder(spans: TraceSpan[]): TraceSpan[] {
  const byStart = [...spans].sort((a, b) => a.start_us - b.start_us || a.span_id.localeCompare(b.span_id));
  const children = new Map<string | null, TraceSpan[]>();
  for (const span of byStart) children.set(span.parent_id, [...(children.get(span.parent_id) ?? []), span]);
  const ordered: TraceSpan[] = [];
  const visit = (span: TraceSpan) => {
    ordered.push(span);
    for (const child of children.get(span.span_id) ?? []) visit(child);
  };
  for (const root of children.get(null) ?? []) visit(root);
  // Spans whose parents hold each other (never in a real trace) still show, last.
  return ordered.length === spans.length ? ordered : [...ordered, ...byStart.filter((span) => !ordered.includes(span))];
}

export interface TraceReader {
  trace(traceId: string): Promise<SystemTrace>;
}

export const systemTraces = (jaeger: JaegerClient): TraceReader => ({
  trace: async (traceId) => toSystemTrace(await jaeger.trace(traceId)),
});

import { callService, notFound, unavailable } from '@clinic/service-kit';

/** A tag of a span or process as Jaeger's query API answers it. */
export interface JaegerTag {
  key: string;
  type?: string;
  value: unknown;
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references?: Array<{ refType: string; traceID: string; spanID: string }>;
  /** Microseconds since the epoch. */
  startTime: number;
  duration: number;
  tags?: JaegerTag[];
  processID: string;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags?: JaegerTag[] }>;
}

export interface JaegerClient {
  trace(traceId: string): Promise<JaegerTrace>;
}

/**
 * Jaeger's query API (`/api/traces/{id}`, the one its UI reads), called like any other service. A trace
 * it does not hold is a 404; any failure to get an answer (not configured, not reachable, an error
 * answer) a retryable 503.
 */
export function jaegerClient(baseUrl: string | undefined, timeoutMs = 5_000): JaegerClient {
  return {
    async trace(traceId) {
      if (!baseUrl) throw unavailable('Traces are not set up on this platform (no JAEGER_QUERY_URL)');
      const url = new URL(`/api/traces/${encodeURIComponent(traceId)}`, baseUrl);
      const { status, body } = await callService<{ data?: JaegerTrace[] | null } | undefined>(url.href, { timeoutMs }).catch(() => {
        throw unavailable('Jaeger cannot be reached; retry');
      });
      if (status === 404) throw notFound('Trace');
      if (status !== 200 || !body) throw unavailable(`Jaeger could not answer (${status}); retry`);
      const [found] = body.data ?? [];
      if (!found || found.spans.length === 0) throw notFound('Trace');
      return found;
    },
  };
}

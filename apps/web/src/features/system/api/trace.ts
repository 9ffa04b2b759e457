import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

/** One span of a request's trace, timed in µs from the trace's first span. */
export interface TraceSpan {
  span_id: string;
  parent_id: string | null;
  service: string;
  instance: string | null;
  operation: string;
  kind: string | null;
  start_us: number;
  duration_us: number;
  error: boolean;
  attributes: Record<string, string | number | boolean>;
}

/** `GET /api/system/traces/{traceId}` (ADMIN): read by the gateway from Jaeger's query API; spans in tree order. */
export interface SystemTrace {
  trace_id: string;
  started_at: string;
  duration_us: number;
  spans: TraceSpan[];
}

/** A request id as the gateway answers it (`x-request-id`) and logs it (`reqId`): a W3C trace id. */
export const TRACE_ID = /^[0-9a-f]{32}$/;

export const useSystemTrace = (traceId: string) =>
  useQuery({
    queryKey: ['system-trace', traceId],
    queryFn: () => api<SystemTrace>(`/system/traces/${traceId}`),
    enabled: TRACE_ID.test(traceId),
  });

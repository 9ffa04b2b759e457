import { callService, unavailable } from '@clinic/service-kit';
import type { PrometheusMatrix } from './queries.ts';

export interface PrometheusVector {
  resultType: 'vector';
  result: Array<{ metric: Record<string, string>; value: [number, string] }>;
}

export interface PrometheusAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'firing' | 'pending' | 'inactive';
  activeAt?: string;
}

export interface PrometheusClient {
  queryRange(query: string, start: number, end: number, stepSeconds: number): Promise<PrometheusMatrix>;
  query(query: string): Promise<PrometheusVector>;
  alerts(): Promise<PrometheusAlert[]>;
}

/**
 * Prometheus's HTTP API (`/api/v1/…`), called like any other service. Any failure to get an answer (not
 * configured, not reachable, an error answer) is a retryable 503 for our caller: the System page then
 * says Prometheus is down.
 */
export function prometheusClient(baseUrl: string | undefined, timeoutMs = 5_000): PrometheusClient {
  async function get<T>(path: string, params: Record<string, string> = {}): Promise<T> {
    if (!baseUrl) throw unavailable('Metrics are not set up on this platform (no PROMETHEUS_URL)');
    const url = new URL(`/api/v1/${path}`, baseUrl);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const { status, body } = await callService<{ status?: string; data?: T; error?: string } | undefined>(url.href, { timeoutMs }).catch(
      () => {
        throw unavailable('Prometheus cannot be reached; retry');
      },
    );
    if (status !== 200 || body?.status !== 'success' || body.data === undefined) {
      throw unavailable(`Prometheus could not answer (${status}${body?.error ? `: ${body.error}` : ''}); retry`);
    }
    return body.data;
  }
  return {
    queryRange: (query, start, end, step) =>
      get<PrometheusMatrix>('query_range', { query, start: String(start), end: String(end), step: String(step) }),
    query: (query) => get<PrometheusVector>('query', { query }),
    alerts: async () => (await get<{ alerts: PrometheusAlert[] }>('alerts')).alerts,
  };
}

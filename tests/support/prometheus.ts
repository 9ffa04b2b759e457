// Prometheus's HTTP API as the tests read it: what it scraped, and which alerts fire.
import { http, type Json } from './http.ts';
import { testStack } from './stack.ts';

/** An instant query's result: each series' labels and value. */
export async function promQuery(query: string): Promise<Array<{ metric: Record<string, string>; value: number }>> {
  const answer = await http(`${testStack().prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
  if (answer.status !== 200) throw new Error(`Prometheus answered ${answer.status} to ${query}: ${JSON.stringify(answer.body)}`);
  return (answer.body.data.result as Json[]).map((series) => ({ metric: series.metric, value: Number(series.value[1]) }));
}

/** The alerts Prometheus holds now, pending or firing. */
export async function promAlerts(): Promise<Array<{ labels: Record<string, string>; state: string }>> {
  const answer = await http(`${testStack().prometheusUrl}/api/v1/alerts`);
  return answer.body.data.alerts as Json[];
}

import {
  SYSTEM_PANELS,
  type FiringAlert,
  type MetricSeries,
  type ScrapedReplica,
  type SystemOverview,
  type SystemPanel,
} from '@clinic/contracts';
import type { PrometheusAlert, PrometheusClient, PrometheusVector } from './prometheus-client.ts';
import { PANEL_QUERIES, RANGE_SECONDS, REPLICAS_QUERY, STEP_SECONDS, toSeries } from './queries.ts';

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

/** Each scraped process, grouped as the page lists them: by job, then by instance. */
export function toReplicas(vector: PrometheusVector): ScrapedReplica[] {
  return vector.result
    .map(({ metric, value }) => ({ job: metric.job ?? '', instance: metric.instance ?? '', up: Number(value[1]) === 1 }))
    .sort((a, b) => a.job.localeCompare(b.job) || a.instance.localeCompare(b.instance));
}

/** The alerts that fire now (pending ones are not yet a problem), with what their rule says about them. */
export function toFiringAlerts(alerts: PrometheusAlert[]): FiringAlert[] {
  return alerts
    .filter((alert) => alert.state === 'firing')
    .map(({ labels, annotations, activeAt }) => {
      const { alertname, severity, ...about } = labels;
      return {
        name: alertname ?? '',
        severity: severity ?? '',
        summary: annotations.summary ?? '',
        description: annotations.description ?? '',
        labels: about,
        active_since: activeAt ? new Date(activeAt).toISOString() : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels)));
}

export interface SystemOverviewReader {
  overview(): Promise<SystemOverview>;
}

/** The System page's data: every fixed query over the last hour, the replicas and the firing alerts, at once. */
export function systemOverview(prometheus: PrometheusClient, now: () => number = Date.now): SystemOverviewReader {
  return {
    async overview() {
      // Whole minutes, so that the points of every panel fall on the same instants.
      const end = Math.floor(now() / 1000 / STEP_SECONDS) * STEP_SECONDS;
      const start = end - RANGE_SECONDS;
      const [series, replicas, alerts] = await Promise.all([
        Promise.all(SYSTEM_PANELS.map((panel) => prometheus.queryRange(PANEL_QUERIES[panel], start, end, STEP_SECONDS).then(toSeries))),
        prometheus.query(REPLICAS_QUERY).then(toReplicas),
        prometheus.alerts().then(toFiringAlerts),
      ]);
      const panels = Object.fromEntries(SYSTEM_PANELS.map((panel, i) => [panel, series[i]!])) as Record<SystemPanel, MetricSeries[]>;
      return {
        generated_at: new Date(now()).toISOString(),
        range: { start: iso(start), end: iso(end), step_seconds: STEP_SECONDS },
        panels,
        replicas,
        alerts,
      };
    },
  };
}

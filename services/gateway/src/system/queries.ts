import type { MetricSeries, SystemPanel } from '@clinic/contracts';

/**
 * The System page's figures as PromQL: a fixed set, so that no caller ever sends Prometheus a query of
 * its own. Replicas report the same queue or backlog, so those take the largest report, not the sum.
 */
export const PANEL_QUERIES: Record<SystemPanel, string> = {
  bookings_per_minute: 'sum by (outcome) (rate(clinic_bookings_decided_total[2m])) * 60',
  decision_latency_p99_seconds: 'histogram_quantile(0.99, sum by (le) (rate(clinic_booking_decision_seconds_bucket[5m])))',
  queue_depth: 'max by (queue) (clinic_booking_queue_depth)',
  dead_letters: 'max by (queue) (clinic_dead_letters)',
  outbox_lag_seconds: 'max by (job) (clinic_outbox_lag_seconds)',
  notification_backlog: 'max(clinic_notification_backlog)',
  emails_per_minute: 'sum by (result) (rate(clinic_emails_total[5m])) * 60',
  last_reminder_run: 'max(clinic_reminder_run_last_success_timestamp_seconds)',
  replicas_up: 'sum by (job) (up)',
};

/** Every scraped process, for the replicas each service has up now. */
export const REPLICAS_QUERY = 'up';

/** The last hour, a point a minute. */
export const RANGE_SECONDS = 3600;
export const STEP_SECONDS = 60;

/** A range query's answer as Prometheus sends it: values are strings, and may be NaN or ±Inf. */
export interface PrometheusMatrix {
  resultType: 'matrix';
  result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }>;
}

/** Keeps the finite points (JSON has no NaN: a quantile of no bookings is a gap, not a value). */
export function toSeries(matrix: PrometheusMatrix): MetricSeries[] {
  return matrix.result.map(({ metric, values }) => ({
    labels: metric,
    points: values.map(([at, value]): [number, number] => [at, Number(value)]).filter(([, value]) => Number.isFinite(value)),
  }));
}

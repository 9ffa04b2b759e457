import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

/** A series of the last hour: what it is of (a queue, a service, an outcome) and `[epoch seconds, value]` a minute. */
export interface MetricSeries {
  labels: Record<string, string>;
  points: [number, number][];
}

export const PANELS = [
  'bookings_per_minute',
  'decision_latency_p99_seconds',
  'queue_depth',
  'dead_letters',
  'outbox_lag_seconds',
  'notification_backlog',
  'emails_per_minute',
  'last_reminder_run',
  'replicas_up',
] as const;
export type Panel = (typeof PANELS)[number];

export interface ScrapedReplica {
  job: string;
  instance: string;
  up: boolean;
}

export interface FiringAlert {
  name: string;
  severity: string;
  summary: string;
  description: string;
  labels: Record<string, string>;
  active_since: string | null;
}

/** `GET /api/system/overview` (ADMIN), read from Prometheus by the gateway. */
export interface SystemOverview {
  generated_at: string;
  range: { start: string; end: string; step_seconds: number };
  panels: Record<Panel, MetricSeries[]>;
  replicas: ScrapedReplica[];
  alerts: FiringAlert[];
}

/** Refreshed every 15 s: what Prometheus scrapes in a running clinic is at most that old. */
export const useSystemOverview = () =>
  useQuery({ queryKey: ['system-overview'], queryFn: () => api<SystemOverview>('/system/overview'), refetchInterval: 15_000 });

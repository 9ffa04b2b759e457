import { Type, type Static } from 'typebox';
import { Instant } from './http.ts';

/**
 * One series of the last hour: what it is of (`labels`: a queue, a service, an outcome; none for a
 * platform-wide figure) and a point a minute, `[epoch seconds, value]`. Minutes without a value (no
 * data yet, a quantile of no bookings) are left out.
 */
export const MetricSeries = Type.Object({
  labels: Type.Record(Type.String(), Type.String()),
  points: Type.Array(Type.Tuple([Type.Number(), Type.Number()])),
});
export type MetricSeries = Static<typeof MetricSeries>;

/** The figures of the System page, each a fixed query the gateway runs; never a query of the caller's. */
export const SYSTEM_PANELS = [
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
export type SystemPanel = (typeof SYSTEM_PANELS)[number];

const panel = (description: string) => Type.Array(MetricSeries, { description });

/** A scraped process and whether Prometheus reached it at its last scrape. */
export const ScrapedReplica = Type.Object({
  job: Type.String({ description: 'The service or server, e.g. appointment-service, rabbitmq' }),
  instance: Type.String({ description: 'The process, e.g. appointment-service-2' }),
  up: Type.Boolean(),
});
export type ScrapedReplica = Static<typeof ScrapedReplica>;

/** An alert of deploy/prometheus/alerts.yml that fires now. */
export const FiringAlert = Type.Object({
  name: Type.String({ description: 'The rule, e.g. OutboxLagging' }),
  severity: Type.String(),
  summary: Type.String({ description: 'What is wrong, in English, for the operator' }),
  description: Type.String({ description: 'What to do about it' }),
  labels: Type.Record(Type.String(), Type.String(), { description: 'What it is about: job, instance, queue' }),
  active_since: Type.Union([Instant, Type.Null()]),
});
export type FiringAlert = Static<typeof FiringAlert>;

/** `GET /api/system/overview` (ADMIN): the last hour of the platform's figures, its replicas and its firing alerts. */
export const SystemOverview = Type.Object({
  generated_at: Instant,
  range: Type.Object({ start: Instant, end: Instant, step_seconds: Type.Integer() }),
  panels: Type.Object({
    bookings_per_minute: panel('Booking decisions per minute, by outcome (BOOKED, SLOT_TAKEN…)'),
    decision_latency_p99_seconds: panel('99th percentile of the time from a booking command to its decision, over 5 minutes'),
    queue_depth: panel('Booking commands waiting, by queue (shard)'),
    dead_letters: panel('Messages in dead-letter queues, by queue'),
    outbox_lag_seconds: panel('Age of the oldest unpublished outbox event, by service (0: none waiting)'),
    notification_backlog: panel('Emails waiting to be sent'),
    emails_per_minute: panel('Emails sent and failed per minute, by result'),
    last_reminder_run: panel('When the reminder run last succeeded, in epoch seconds'),
    replicas_up: panel('Replicas Prometheus reaches, by job'),
  }),
  replicas: Type.Array(ScrapedReplica),
  alerts: Type.Array(FiringAlert),
});
export type SystemOverview = Static<typeof SystemOverview>;

/** `GET /api/system/traces/{traceId}`: a trace's id as the gateway answers it in `x-request-id` (and logs as reqId). */
export const TraceParams = Type.Object({
  traceId: Type.String({ pattern: '^[0-9a-f]{32}$', description: 'The trace id: 32 lowercase hex characters (a request id)' }),
});
export type TraceParams = Static<typeof TraceParams>;

/** The attributes a span shows, kept to what says where it went: never a statement's text, a URL's query or a person. */
export const TRACE_SPAN_ATTRIBUTES = [
  'http.request.method',
  'http.route',
  'http.response.status_code',
  'messaging.system',
  'messaging.operation.type',
  'messaging.destination.name',
  'db.system.name',
  'db.operation.name',
] as const;

/** One span of a trace, timed from the trace's first span. */
export const TraceSpan = Type.Object({
  span_id: Type.String(),
  parent_id: Type.Union([Type.String(), Type.Null()], {
    description: 'The span it is part of; null for the root (or a parent not received)',
  }),
  service: Type.String({ description: 'The service that made it, e.g. appointment-service' }),
  instance: Type.Union([Type.String(), Type.Null()], { description: 'The replica, e.g. appointment-service-2, when it has one' }),
  operation: Type.String({ description: 'What it did, e.g. POST /api/appointments, process booking.commands, pg INSERT' }),
  kind: Type.Union([Type.String(), Type.Null()], { description: 'server, client, producer, consumer or internal' }),
  start_us: Type.Integer({ minimum: 0, description: 'Microseconds from the trace’s start' }),
  duration_us: Type.Integer({ minimum: 0 }),
  error: Type.Boolean(),
  attributes: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), {
    description: `Only these, when present: ${TRACE_SPAN_ATTRIBUTES.join(', ')}`,
  }),
});
export type TraceSpan = Static<typeof TraceSpan>;

/** `GET /api/system/traces/{traceId}` (ADMIN): one request's trace, read from Jaeger's query API; spans by start. */
export const SystemTrace = Type.Object({
  trace_id: Type.String(),
  started_at: Instant,
  duration_us: Type.Integer({ minimum: 0 }),
  spans: Type.Array(TraceSpan),
});
export type SystemTrace = Static<typeof SystemTrace>;

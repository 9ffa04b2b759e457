import type { App, Authenticator } from '@clinic/service-kit';
import { errorResponses, SystemOverview, SystemTrace, TraceParams } from '@clinic/contracts';
import type { TraceReader } from './traces.ts';
import type { SystemOverviewReader } from './use-cases.ts';

/** The admin's view of the running platform, read from Prometheus and Jaeger; never proxied to a service. */
export function systemRoutes(app: App, auth: Authenticator, system: SystemOverviewReader, traces: TraceReader) {
  app.get(
    '/api/system/overview',
    {
      preHandler: auth.require('ADMIN'),
      schema: {
        summary: 'The last hour of the platform’s figures, each service’s replicas up and the firing alerts (ADMIN)',
        description:
          'Read from Prometheus with a fixed set of queries: bookings per minute, decision latency p99, queue depth, ' +
          'dead letters, outbox lag per service, email backlog and results, the last reminder run, replicas up per job. ' +
          '503 UNAVAILABLE when Prometheus cannot be reached.',
        tags: ['system'],
        security: [{ bearer: [] }],
        response: { 200: SystemOverview, ...errorResponses(401, 403, 503) },
      },
    },
    async () => system.overview(),
  );

  app.get<{ Params: TraceParams }>(
    '/api/system/traces/:traceId',
    {
      preHandler: auth.require('ADMIN'),
      schema: {
        summary: 'One request’s trace: its spans across the services, timed from its start (ADMIN)',
        description:
          'Read from Jaeger’s query API. The trace id is the request id the gateway answers in x-request-id and logs as reqId. ' +
          'Each span says its service and replica, operation, start offset and duration in µs, whether it failed, and a few ' +
          'attributes (HTTP route and status, queue, database operation), never a statement’s text. ' +
          '404 NOT_FOUND when Jaeger does not hold the trace; 503 UNAVAILABLE when Jaeger cannot be reached.',
        tags: ['system'],
        security: [{ bearer: [] }],
        params: TraceParams,
        response: { 200: SystemTrace, ...errorResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => traces.trace(request.params.traceId),
  );
}

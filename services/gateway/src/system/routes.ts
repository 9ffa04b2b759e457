import type { App, Authenticator } from '@clinic/service-kit';
import { errorResponses, SystemOverview } from '@clinic/contracts';
import type { SystemOverviewReader } from './use-cases.ts';

/** The admin's view of the running platform, read from Prometheus; never proxied to a service. */
export function systemRoutes(app: App, auth: Authenticator, system: SystemOverviewReader) {
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
}

import type { App } from '@clinic/service-kit';
import { Availability, AvailabilityQuery, errorResponses, IdParams } from '@clinic/contracts';
import type { AvailabilityUseCase } from './availability.ts';

export function availabilityRoutes(app: App, availability: AvailabilityUseCase) {
  app.get(
    '/doctors/:id/availability',
    {
      schema: {
        summary: 'The free slots of several consecutive dates (at most 14), each with a reason when it has none',
        tags: ['schedules'],
        params: IdParams,
        querystring: AvailabilityQuery,
        response: { 200: Availability, ...errorResponses(400, 404, 503) },
      },
    },
    async (request) => availability(request.params.id, request.query.from, request.query.days),
  );
}

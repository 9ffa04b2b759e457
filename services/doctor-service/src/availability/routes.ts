import type { App } from '@clinic/service-kit';
import { Availability, AvailabilityQuery, AvailableSlots, AvailableSlotsQuery, errorResponses, IdParams } from '@clinic/contracts';
import type { AvailabilityUseCase } from './use-cases.ts';
import type { AvailableSlotsUseCase } from './available-slots.ts';

/** A doctor's free slots: of one date, and of several consecutive dates. */
export function availabilityRoutes(app: App, useCases: { availableSlots: AvailableSlotsUseCase; availability: AvailabilityUseCase }) {
  const { availableSlots, availability } = useCases;
  app.get(
    '/doctors/:id/available-slots',
    {
      schema: {
        summary: 'The free slots of a date: the schedule’s, minus time off, appointments and times past; a reason when there is none',
        tags: ['schedules'],
        params: IdParams,
        querystring: AvailableSlotsQuery,
        response: { 200: AvailableSlots, ...errorResponses(400, 404, 503) },
      },
    },
    async (request) => availableSlots(request.params.id, request.query.date),
  );

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

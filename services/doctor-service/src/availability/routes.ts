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
        description:
          'With visit_type_id (one of the doctor’s visit types, 404 otherwise), the free times of its length: each starts on ' +
          'the schedule’s grid and needs its whole length free and inside working hours.',
        tags: ['schedules'],
        params: IdParams,
        querystring: AvailableSlotsQuery,
        response: { 200: AvailableSlots, ...errorResponses(400, 404, 503) },
      },
    },
    async (request) => availableSlots(request.params.id, request.query.date, request.query.visit_type_id),
  );

  app.get(
    '/doctors/:id/availability',
    {
      schema: {
        summary: 'The free slots of several consecutive dates (at most 14), each with a reason when it has none',
        description: 'With visit_type_id, the free times of that visit type’s length, as available-slots gives them.',
        tags: ['schedules'],
        params: IdParams,
        querystring: AvailabilityQuery,
        response: { 200: Availability, ...errorResponses(400, 404, 503) },
      },
    },
    async (request) => availability(request.params.id, request.query.from, request.query.days, request.query.visit_type_id),
  );
}

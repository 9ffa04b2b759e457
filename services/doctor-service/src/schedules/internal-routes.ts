import type { App, Authenticator } from '@clinic/service-kit';
import { DoctorBookingProfile, errorResponses, IdParams } from '@clinic/contracts';
import type { ScheduleUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** Routes for the platform's own services only (SERVICE role); the gateway does not expose them. */
export function scheduleInternalRoutes(app: App, auth: Authenticator, schedules: ScheduleUseCases) {
  app.get(
    '/internal/doctors/:id/booking-profile',
    {
      preHandler: auth.require('SERVICE'),
      schema: {
        summary: 'Internal, for appointment-service’s booking worker (SERVICE); not reachable through the gateway',
        description: 'A doctor being deleted (retiring) answers 404 like an unknown one.',
        tags: ['internal'],
        security: bearer,
        params: IdParams,
        response: { 200: DoctorBookingProfile, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => schedules.bookingProfile(request.params.id),
  );
}

import type { App, Authenticator } from '@clinic/service-kit';
import { DoctorBookingLimits, errorResponses, IdParams, UpdateDoctorBookingLimitsRequest } from '@clinic/contracts';
import type { BookingLimitsUseCases } from './limits-use-cases.ts';

const tags = ['doctors'];

/** A doctor's minimum notice and buffer: anyone reads them (the booking page tells them), an admin sets them. */
export function bookingLimitsRoutes(app: App, auth: Authenticator, limits: BookingLimitsUseCases) {
  app.get(
    '/doctors/:id/booking-limits',
    {
      schema: {
        summary: 'A doctor’s own minimum notice and buffer after each appointment (null: the clinic’s default), and those in force',
        tags,
        params: IdParams,
        response: { 200: DoctorBookingLimits, ...errorResponses(400, 404) },
      },
    },
    async (request) => limits.get(request.params.id),
  );

  app.put(
    '/doctors/:id/booking-limits',
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: 'DOCTOR_BOOKING_LIMITS_SET' },
      schema: {
        summary: 'Set a doctor’s own minimum notice and buffer, null for the clinic’s default (ADMIN); appointments booked keep their time',
        tags,
        security: [{ bearer: [] }],
        params: IdParams,
        body: UpdateDoctorBookingLimitsRequest,
        response: { 200: DoctorBookingLimits, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => limits.set(request.params.id, request.body),
  );
}

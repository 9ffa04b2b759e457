import { Type, type App, type Authenticator } from '@clinic/service-kit';
import {
  BookingRules,
  ClosedDay,
  ClosedDayParams,
  ClosedDays,
  ClosedDaysQuery,
  CreateClosedDayRequest,
  errorResponses,
} from '@clinic/contracts';
import type { ClosedDayUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];
const tags = ['closed days'];

/** The clinic's closed days: anyone reads them, only an admin changes them; and the booking rules they belong to. */
export function closedDaysRoutes(app: App, auth: Authenticator, closedDays: ClosedDayUseCases) {
  app.get(
    '/doctors/booking-rules',
    {
      schema: {
        summary: 'The clinic’s default minimum notice and buffer after each appointment, and its closed days from today on',
        tags,
        response: { 200: BookingRules },
      },
    },
    async () => closedDays.rules(),
  );

  app.get(
    '/doctors/closed-days',
    {
      schema: {
        summary: 'The dates the whole clinic is closed on (public holidays), from `from` (today when absent) on',
        tags,
        querystring: ClosedDaysQuery,
        response: { 200: ClosedDays, ...errorResponses(400) },
      },
    },
    async (request) => closedDays.list(request.query.from),
  );

  app.post(
    '/doctors/closed-days',
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: 'CLOSED_DAY_ADDED' },
      schema: {
        summary: 'Close the clinic on a date: no doctor offers a time then (ADMIN); 409 CLOSED_DAY_EXISTS when it already is',
        description: 'Appointments already booked on that date keep their time: the front desk calls their patients.',
        tags,
        security: bearer,
        body: CreateClosedDayRequest,
        response: { 201: ClosedDay, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await closedDays.add(request.body)),
  );

  app.delete(
    '/doctors/closed-days/:date',
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: 'CLOSED_DAY_REMOVED' },
      schema: {
        summary: 'Open the clinic again on a closed date (ADMIN); a removed public holiday is not loaded again',
        tags,
        security: bearer,
        params: ClosedDayParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await closedDays.remove(request.params.date);
      return reply.status(204).send(null);
    },
  );
}

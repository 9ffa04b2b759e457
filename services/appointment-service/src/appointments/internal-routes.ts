import { notFound, Type, type App, type Authenticator, type Pool } from '@clinic/service-kit';
import {
  Appointment,
  BusyIntervals,
  BusyQuery,
  DueRemindersQuery,
  errorResponses,
  IdParams,
  ProcessedEvents,
  ProcessedEventsAnswer,
  StoredAppointmentEvent,
  StoredServiceEvent,
} from '@clinic/contracts';
import { eventsRepository as events } from './events-repository.ts';
import type { AppointmentUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** Routes for the platform's own services only (SERVICE role); the gateway does not expose them: busy times and reminders. */
export function internalRoutes(app: App, auth: Authenticator, appointments: AppointmentUseCases) {
  const service = auth.require('SERVICE');

  app.get(
    '/internal/busy',
    {
      preHandler: service,
      schema: {
        summary: 'A doctor’s active appointments overlapping [from, to) (internal)',
        tags: ['internal'],
        security: bearer,
        querystring: BusyQuery,
        response: { 200: BusyIntervals, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => appointments.busy(request.query.doctor_id, request.query.from, request.query.to),
  );

  app.get(
    '/internal/reminders/due',
    {
      preHandler: service,
      schema: {
        summary: 'PENDING and CONFIRMED appointments starting in [from, to), for the reminder worker (internal)',
        tags: ['internal'],
        security: bearer,
        querystring: Type.Object({
          ...DueRemindersQuery.properties,
          unreminded_only: Type.Boolean({ default: false, description: 'Only those without a REMINDER_DUE for their start time' }),
        }),
        response: { 200: Type.Array(Appointment), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => appointments.dueReminders(request.query.from, request.query.to, request.query.unreminded_only),
  );

  app.post(
    '/internal/appointments/:id/reminder-due',
    {
      preHandler: service,
      schema: {
        summary: 'Record REMINDER_DUE once per appointment and start time (internal, idempotent)',
        tags: ['internal'],
        security: bearer,
        params: IdParams,
        response: { 200: Type.Object({ recorded: Type.Boolean() }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => appointments.recordReminderDue(request.params.id),
  );
}

/** Routes for the platform's own services only (SERVICE role): the outbox's events, for notification-service. */
export function internalEventRoutes(app: App, auth: Authenticator, pool: Pool) {
  const service = auth.require('SERVICE');

  app.get(
    '/events/pending',
    {
      preHandler: service,
      schema: {
        summary: 'Events not processed yet, oldest first (internal, for notification-service)',
        tags: ['internal'],
        security: bearer,
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          older_than_seconds: Type.Integer({ minimum: 0, maximum: 86_400, default: 0, description: 'Only events at least this old' }),
        }),
        response: { 200: Type.Array(StoredServiceEvent), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => events.pending(pool, request.query.limit, request.query.older_than_seconds),
  );

  app.get(
    '/internal/appointments/:id/events',
    {
      preHandler: service,
      schema: {
        summary: 'An appointment’s events in order: its earlier states, for update and cancellation emails (internal)',
        tags: ['internal'],
        security: bearer,
        params: IdParams,
        response: { 200: Type.Array(StoredAppointmentEvent), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => events.ofAppointment(pool, request.params.id),
  );

  app.put(
    '/events/:id/processed',
    {
      preHandler: service,
      schema: {
        summary: 'Mark an event processed (internal, idempotent)',
        tags: ['internal'],
        security: bearer,
        params: IdParams,
        response: { 200: StoredServiceEvent, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const event = await events.markProcessed(pool, request.params.id);
      if (!event) throw notFound('Event');
      return event;
    },
  );

  app.put(
    '/events/processed',
    {
      preHandler: service,
      schema: {
        summary: 'Mark several events processed in one request (internal, idempotent; unknown ids are skipped)',
        tags: ['internal'],
        security: bearer,
        body: ProcessedEvents,
        response: { 200: ProcessedEventsAnswer, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ({ marked: await events.markAllProcessed(pool, request.body.ids) }),
  );
}

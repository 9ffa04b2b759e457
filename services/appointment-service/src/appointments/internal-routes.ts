import { notFound, principalOf, Type, type App, type Authenticator, type Pool } from '@clinic/service-kit';
import {
  Appointment,
  BusyIntervals,
  BusyQuery,
  DoctorAppointmentsAhead,
  DueRemindersQuery,
  errorResponses,
  IdParams,
  PdfDownloadLink,
  ReconcileDoctorAnswer,
  ReconcileDoctorRequest,
  StoredAppointmentEvent,
  StoredServiceEvent,
} from '@clinic/contracts';
import type { AppointmentUseCases } from './use-cases.ts';
import { eventsRepository as events } from './appointments-repository.ts';
import { doctorCommandOrError } from '../booking/index.ts';
import type { DoctorCalendarUseCases } from '../doctor-calendar/index.ts';

const bearer = [{ bearer: [] }];

/** Routes for the platform's own services only (SERVICE role); the gateway does not expose them. */
export function internalRoutes(
  app: App,
  auth: Authenticator,
  appointments: AppointmentUseCases,
  pool: Pool,
  doctorCalendar: DoctorCalendarUseCases,
) {
  const service = auth.require('SERVICE');

  app.post(
    '/internal/doctors/:id/retire',
    {
      preHandler: service,
      schema: {
        summary: 'The doctor’s active appointments not ended yet, decided in the doctor’s booking queue (internal, for doctor-service)',
        description:
          'doctor-service marks the doctor retiring first (their booking profile then answers 404), so every booking decided ' +
          'after this answer is refused and every one decided before it is listed: none listed means the doctor may be deleted.',
        tags: ['internal'],
        security: bearer,
        params: IdParams,
        response: { 200: DoctorAppointmentsAhead, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request) => {
      const answer = await doctorCalendar.retirementCheck(principalOf(request), request.params.id);
      return { appointments: doctorCommandOrError(answer, 'RETIREMENT_CHECKED').appointments };
    },
  );

  app.post(
    '/internal/doctors/:id/reconcile',
    {
      preHandler: service,
      schema: {
        summary:
          'The doctor’s active appointments ahead that their calendar no longer holds, cancelled with `cancellation` (internal, for doctor-service)',
        description:
          'Decided in the doctor’s booking queue against the doctor’s profile as doctor-service answers it then (after the change). ' +
          'Appointments on a day off or outside every working hour are listed; with `cancellation` each is CANCELLED with its event ' +
          'and the reason. A retry under the same Idempotency-Key answers the first outcome.',
        tags: ['internal'],
        security: bearer,
        params: IdParams,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: Type.Union([ReconcileDoctorRequest, Type.Null()]),
        response: { 200: ReconcileDoctorAnswer, ...errorResponses(400, 401, 403, 404, 422, 503) },
      },
    },
    async (request) => {
      const answer = await doctorCalendar.reconcile(
        principalOf(request),
        request.params.id,
        request.headers['idempotency-key'],
        request.body ?? {},
      );
      const { appointments: affected, cancelled } = doctorCommandOrError(answer, 'RECONCILED');
      return { appointments: affected, cancelled };
    },
  );

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
    async (request) => ({ intervals: await appointments.busy(request.query.doctor_id, request.query.from, request.query.to) }),
  );

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

  app.get(
    '/internal/appointments/:id/pdf-download-link',
    {
      preHandler: service,
      schema: {
        summary: 'A signed gateway link to the PDF, for the patient’s email (internal); 404 PDF_NOT_READY before it exists',
        tags: ['internal'],
        security: bearer,
        params: IdParams,
        response: { 200: PdfDownloadLink, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => appointments.pdfDownloadLink(request.params.id),
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
}

import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import {
  CreateScheduleEntryRequest,
  CreateTimeOffRequest,
  DoctorSchedule,
  DoctorScheduleEntryParams,
  DoctorTimeOffParams,
  errorResponses,
  IdParams,
  Page,
  PageQuery,
  RemoveScheduleEntryQuery,
  ScheduleEntryView,
  TimeOffView,
} from '@clinic/contracts';
import type { ScheduleUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** A doctor's weekly hours and time off. */
export function schedulesRoutes(app: App, auth: Authenticator, schedules: ScheduleUseCases) {
  scheduleEntryRoutes(app, auth, schedules);
  timeOffRoutes(app, auth, schedules);
}

function scheduleEntryRoutes(app: App, auth: Authenticator, schedules: ScheduleUseCases) {
  app.get(
    '/doctors/:id/schedule',
    {
      schema: {
        summary: 'A doctor’s weekly working hours',
        tags: ['schedules'],
        params: IdParams,
        response: { 200: DoctorSchedule, ...errorResponses(400, 404) },
      },
    },
    async (request) => schedules.schedule(request.params.id),
  );

  app.post(
    '/doctors/:id/schedule',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      config: { audit: 'SCHEDULE_ENTRY_ADDED' },
      schema: {
        summary: 'Add working hours to a doctor’s week (ADMIN, or that DOCTOR)',
        tags: ['schedules'],
        security: bearer,
        params: IdParams,
        body: CreateScheduleEntryRequest,
        response: { 201: ScheduleEntryView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await schedules.addEntry(principalOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/doctors/:doctor_id/schedule/:schedule_id',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      config: { audit: 'SCHEDULE_ENTRY_REMOVED' },
      schema: {
        summary: 'Remove working hours from a doctor’s week (ADMIN, or that DOCTOR)',
        description:
          'Refused with 409 SCHEDULE_HAS_APPOINTMENTS while PENDING or CONFIRMED appointments ahead would be left outside the ' +
          'doctor’s hours (details.appointments lists them), unless ?cancel_appointments=true&cancellation_reason=… asks for ' +
          'them to be cancelled: each is then CANCELLED and its patient and doctor are emailed the reason. Decided in the ' +
          'doctor’s booking queue, so a booking racing the change is listed (or cancelled) or refused, never kept outside the hours.',
        tags: ['schedules'],
        security: bearer,
        params: DoctorScheduleEntryParams,
        querystring: RemoveScheduleEntryQuery,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      await schedules.removeEntry(principalOf(request), request.params.doctor_id, request.params.schedule_id, request.query);
      return reply.status(204).send(null);
    },
  );
}

function timeOffRoutes(app: App, auth: Authenticator, schedules: ScheduleUseCases) {
  app.get(
    '/doctors/:id/time-off',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      schema: {
        summary: 'A doctor’s days off, page by page (ADMIN, or that DOCTOR: reasons are private)',
        tags: ['time off'],
        security: bearer,
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Page(TimeOffView), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => schedules.timeOff(principalOf(request), request.params.id, request.query),
  );

  app.post(
    '/doctors/:id/time-off',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      config: { audit: 'TIME_OFF_ADDED' },
      schema: {
        summary: 'Mark days (vacation, sick leave, a public holiday) on which the doctor offers no slot (ADMIN, or that DOCTOR)',
        description:
          'Refused with 409 SCHEDULE_HAS_APPOINTMENTS while PENDING or CONFIRMED appointments ahead fall on those days ' +
          '(details.appointments lists them), unless the body has cancel_appointments: true and a cancellation_reason: each is ' +
          'then CANCELLED and its patient and doctor are emailed that reason (the time off’s own reason stays private). Decided ' +
          'in the doctor’s booking queue, so a booking racing the change is listed (or cancelled) or refused, never kept.',
        tags: ['time off'],
        security: bearer,
        params: IdParams,
        body: CreateTimeOffRequest,
        response: { 201: TimeOffView, ...errorResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => reply.status(201).send(await schedules.addTimeOff(principalOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/doctors/:doctor_id/time-off/:time_off_id',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      config: { audit: 'TIME_OFF_REMOVED' },
      schema: {
        summary: 'Remove days off (ADMIN, or that DOCTOR)',
        tags: ['time off'],
        security: bearer,
        params: DoctorTimeOffParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await schedules.removeTimeOff(principalOf(request), request.params.doctor_id, request.params.time_off_id);
      return reply.status(204).send(null);
    },
  );
}

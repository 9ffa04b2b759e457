import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import {
  AppointmentRules,
  AppointmentStatus,
  AppointmentView,
  errorResponses,
  IdParams,
  Instant,
  Page,
  PageQuery,
  Uuid,
} from '@clinic/contracts';
import { appointmentAsSeenBy } from './rules.ts';
import type { AppointmentUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** Listing appointments: staff's listing, a patient's own and their history. */
export function listingRoutes(app: App, auth: Authenticator, appointments: AppointmentUseCases) {
  app.get(
    '/appointments',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      schema: {
        summary: 'List appointments (ADMIN: all; DOCTOR: their own)',
        tags: ['appointments'],
        security: bearer,
        querystring: Type.Object({
          ...PageQuery.properties,
          status: Type.Optional(AppointmentStatus),
          doctor_id: Type.Optional(Uuid),
          patient_id: Type.Optional(Uuid),
          date_from: Type.Optional(Instant),
          date_to: Type.Optional(Instant),
        }),
        response: { 200: Page(AppointmentView), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await appointments.list(principalOf(request), {
        status: q.status,
        doctorId: q.doctor_id,
        patientId: q.patient_id,
        from: q.date_from,
        to: q.date_to,
        limit: q.limit,
        offset: q.offset,
      });
      return { ...page, limit: q.limit, offset: q.offset };
    },
  );

  app.get(
    '/appointments/my',
    {
      preHandler: auth.require('PATIENT'),
      schema: {
        summary: 'The caller’s active appointments (PATIENT)',
        tags: ['appointments'],
        security: bearer,
        response: { 200: Type.Array(AppointmentView), ...errorResponses(401, 403) },
      },
    },
    async (request) => (await appointments.mine(principalOf(request))).map((a) => appointmentAsSeenBy(principalOf(request), a)),
  );

  app.get(
    '/appointments/my/history',
    {
      preHandler: auth.require('PATIENT'),
      schema: {
        summary: 'The caller’s past appointments (PATIENT)',
        tags: ['appointments'],
        security: bearer,
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([Type.Literal('COMPLETED'), Type.Literal('CANCELLED'), Type.Literal('EXPIRED'), Type.Literal('NO_SHOW')]),
          ),
        }),
        response: { 200: Type.Array(AppointmentView), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      (await appointments.history(principalOf(request), request.query.status)).map((a) => appointmentAsSeenBy(principalOf(request), a)),
  );
}

/** One appointment, and the clinic's change rules. */
export function appointmentReadRoutes(app: App, auth: Authenticator, appointments: AppointmentUseCases) {
  app.get(
    '/appointments/rules',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'The clinic’s change rules (any signed-in caller): until how many hours before its start a patient may cancel or move',
        description:
          'PATIENT_CHANGE_CUTOFF_HOURS as configured: inside it (and after the start) a patient’s cancel or move answers 409 ' +
          'CHANGE_CUTOFF_PASSED (APPOINTMENT_STARTED), and staff give a reason (400 REASON_REQUIRED). Clients say so before a try. ' +
          'Also the caps per patient, how long a waitlist hold lasts, the grace period before a no-show, and `booking`: the ' +
          'clinic’s minimum notice, buffer and closed days from today on (as GET /doctors/booking-rules; left out when ' +
          'doctor-service does not answer).',
        tags: ['appointments'],
        security: bearer,
        response: { 200: AppointmentRules, ...errorResponses(401) },
      },
    },
    async (request) => appointments.rules(request.log),
  );

  app.get(
    '/appointments/:id',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'One appointment (its patient, its doctor, or ADMIN)',
        tags: ['appointments'],
        security: bearer,
        params: IdParams,
        response: { 200: AppointmentView, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => appointmentAsSeenBy(principalOf(request), await appointments.get(principalOf(request), request.params.id)),
  );
}

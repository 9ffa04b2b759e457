import type { Readable } from 'node:stream';
import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import {
  AppointmentRules,
  AppointmentView,
  AppointmentStatus,
  CancelAppointmentRequest,
  CreateAppointmentRequest,
  errorResponses,
  IdParams,
  Instant,
  Page,
  PageQuery,
  PdfDownloadQuery,
  PdfLink,
  RescheduleAppointmentRequest,
  Uuid,
} from '@clinic/contracts';
import { appointmentAsSeenBy } from './rules.ts';
import type { AppointmentUseCases } from './use-cases.ts';
import { appointmentOrError } from '../booking/index.ts';

const bearer = [{ bearer: [] }];
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Retrying with the same key replays the first outcome' }),
  ),
});

export function appointmentRoutes(app: App, auth: Authenticator, appointments: AppointmentUseCases) {
  app.post(
    '/appointments',
    {
      preHandler: auth.require('PATIENT', 'ADMIN'),
      // Recorded when an admin books (the front desk); a patient's own booking is no admin action.
      config: { audit: 'APPOINTMENT_BOOKED' },
      schema: {
        summary:
          'Book an appointment (PATIENT for themselves; ADMIN, the front desk, for patient_id); decided by the single booking worker',
        description:
          'The appointment records who booked it (booked_by). A patient may give only their own patient_id (403 otherwise); ' +
          'an admin must give one (400 PATIENT_REQUIRED; 404 PATIENT_NOT_FOUND for a user unknown to user-service). A time ' +
          'held for a patient on the waitlist answers 409 SLOT_HELD to anyone but that patient. A patient whose email is not ' +
          'verified (the token’s email_verified) gets 403 EMAIL_NOT_VERIFIED.',
        tags: ['appointments'],
        security: bearer,
        headers: IdempotencyHeaders,
        body: CreateAppointmentRequest,
        response: { 201: AppointmentView, ...errorResponses(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const answer = await appointments.book(principalOf(request), request.headers['idempotency-key'], request.body);
      return reply.status(201).send(appointmentAsSeenBy(principalOf(request), appointmentOrError(answer)));
    },
  );

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

  app.get(
    '/appointments/rules',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'The clinic’s change rules (any signed-in caller): until how many hours before its start a patient may cancel or move',
        description:
          'PATIENT_CHANGE_CUTOFF_HOURS as configured: inside it (and after the start) a patient’s cancel or move answers 409 ' +
          'CHANGE_CUTOFF_PASSED (APPOINTMENT_STARTED), and staff give a reason (400 REASON_REQUIRED). Clients say so before a try.',
        tags: ['appointments'],
        security: bearer,
        response: { 200: AppointmentRules, ...errorResponses(401) },
      },
    },
    async () => appointments.rules(),
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

  app.get(
    '/appointments/:id/pdf',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'An expiring link to the appointment’s PDF (its patient, its doctor, or ADMIN); 404 PDF_NOT_READY until it is made',
        tags: ['appointments'],
        security: bearer,
        params: IdParams,
        response: { 200: PdfLink, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => appointments.pdfLink(principalOf(request), request.params.id),
  );

  app.get(
    '/appointments/:id/pdf/download',
    {
      schema: {
        summary: 'The appointment’s PDF through a signed link from an email (no token; the signature is the permission)',
        tags: ['appointments'],
        params: IdParams,
        querystring: PdfDownloadQuery,
        // The PDF on success, the usual JSON error otherwise: each status says its own media type.
        response: {
          200: {
            description: 'The PDF',
            content: { 'application/pdf': { schema: Type.Unsafe<Readable>({ type: 'string', format: 'binary' }) } },
          },
          ...errorResponses(400, 403, 404, 410),
        },
      },
    },
    async (request, reply) => {
      const pdf = await appointments.pdfDownload(request.params.id, request.query.expires, request.query.signature);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="appointment-${request.params.id}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.put(
    '/appointments/:id',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR', 'PATIENT'),
      config: { audit: 'APPOINTMENT_RESCHEDULED' },
      schema: {
        summary: 'Reschedule a PENDING appointment (its PATIENT, its DOCTOR or ADMIN); through the booking worker',
        description:
          'A patient cannot move it less than PATIENT_CHANGE_CUTOFF_HOURS before its start (409 CHANGE_CUTOFF_PASSED) ' +
          'nor once it started (409 APPOINTMENT_STARTED); its doctor and admins can at any time, giving a reason from the ' +
          'cut-off on (400 REASON_REQUIRED), which is told to the patient. A time held for another patient on the ' +
          'waitlist answers 409 SLOT_HELD.',
        tags: ['appointments'],
        security: bearer,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: RescheduleAppointmentRequest,
        response: { 200: AppointmentView, ...errorResponses(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request) =>
      appointmentAsSeenBy(
        principalOf(request),
        appointmentOrError(
          await appointments.reschedule(principalOf(request), request.params.id, request.headers['idempotency-key'], request.body),
        ),
      ),
  );

  app.put(
    '/appointments/:id/cancel',
    {
      preHandler: auth.require(),
      config: { audit: 'APPOINTMENT_CANCELLED' },
      schema: {
        summary: 'Cancel an appointment (its patient, its doctor, or ADMIN); frees the slot at once',
        description:
          'A patient cannot cancel less than PATIENT_CHANGE_CUTOFF_HOURS before the start (409 CHANGE_CUTOFF_PASSED) ' +
          'nor once it started (409 APPOINTMENT_STARTED); its doctor and admins can at any time, with a reason told in the ' +
          'cancellation emails: optional before the cut-off, required from it on (400 REASON_REQUIRED). The body is optional.',
        tags: ['appointments'],
        security: bearer,
        params: IdParams,
        body: Type.Union([CancelAppointmentRequest, Type.Null()]),
        response: { 200: AppointmentView, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) =>
      appointmentAsSeenBy(principalOf(request), await appointments.cancel(principalOf(request), request.params.id, request.body ?? {})),
  );

  app.put(
    '/appointments/:id/confirm',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      config: { audit: 'APPOINTMENT_CONFIRMED' },
      schema: {
        summary: 'Confirm a PENDING appointment (its DOCTOR or ADMIN)',
        tags: ['appointments'],
        security: bearer,
        params: IdParams,
        response: { 200: AppointmentView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => appointments.confirm(principalOf(request), request.params.id),
  );

  app.put(
    '/appointments/:id/no-show',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      config: { audit: 'APPOINTMENT_NO_SHOW' },
      schema: {
        summary: 'Mark that the patient did not come (its DOCTOR or ADMIN): a CONFIRMED or COMPLETED appointment whose start has come',
        description: 'Before the start: 409 APPOINTMENT_NOT_STARTED; from another status: 409 INVALID_STATE. Nobody is emailed.',
        tags: ['appointments'],
        security: bearer,
        params: IdParams,
        response: { 200: AppointmentView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => appointments.noShow(principalOf(request), request.params.id),
  );
}

import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import { AppointmentView, CreateAppointmentRequest, errorResponses, IdParams, RescheduleAppointmentRequest } from '@clinic/contracts';
import { appointmentOrError } from '../booking/index.ts';
import { appointmentAsSeenBy } from './rules.ts';
import type { AppointmentUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Retrying with the same key replays the first outcome' }),
  ),
});

/** Booking and moving appointments: through the booking queue, answered with the worker's outcome. */
export function bookingRoutes(app: App, auth: Authenticator, appointments: AppointmentUseCases) {
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
          'The appointment records who booked it (booked_by); a patient’s own booking is PENDING until the clinic confirms it, ' +
          'the front desk’s is CONFIRMED at once. A patient may give only their own patient_id (403 otherwise); ' +
          'an admin must give one (400 PATIENT_REQUIRED; 404 PATIENT_NOT_FOUND for a user unknown to user-service). A time ' +
          'held for a patient on the waitlist answers 409 SLOT_HELD (until when, in clinic time) to anyone but that patient, unless ' +
          'the front desk gives override_hold_reason (a patient giving it gets 403). A patient whose email is not ' +
          'verified (the token’s email_verified) gets 403 EMAIL_NOT_VERIFIED. With visit_type_id (one of the doctor’s, 404 ' +
          'VISIT_TYPE_NOT_FOUND otherwise) the visit lasts the type’s duration from a start on the schedule’s grid: end_time may be ' +
          'left out and must match when given (400 END_TIME_MISMATCH); a patient books only types offered online (403 ' +
          'VISIT_TYPE_NOT_ONLINE), the front desk any. Without it, end_time is required and the booking is one slot.',
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
}

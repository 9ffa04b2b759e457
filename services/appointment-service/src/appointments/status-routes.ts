import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import { AppointmentView, CancelAppointmentRequest, errorResponses, IdParams } from '@clinic/contracts';
import { appointmentAsSeenBy } from './rules.ts';
import type { AppointmentUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** Cancelling, confirming and marking a no-show. */
export function statusRoutes(app: App, auth: Authenticator, appointments: AppointmentUseCases) {
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
        summary:
          'Mark that the patient did not come (its DOCTOR or ADMIN): a CONFIRMED or COMPLETED appointment, NO_SHOW_GRACE_MINUTES after its start',
        description:
          'Before the start: 409 APPOINTMENT_NOT_STARTED; within the grace period after it (`no_show_grace_minutes` in GET /appointments/rules): ' +
          '409 TOO_EARLY_FOR_NO_SHOW; from another status: 409 INVALID_STATE. Nobody is emailed.',
        tags: ['appointments'],
        security: bearer,
        params: IdParams,
        response: { 200: AppointmentView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => appointments.noShow(principalOf(request), request.params.id),
  );
}

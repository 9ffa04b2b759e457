import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import { DoctorAppointmentsAhead, errorResponses, IdParams, ReconcileDoctorAnswer, ReconcileDoctorRequest } from '@clinic/contracts';
import { doctorCommandOrError } from '../booking/index.ts';
import type { DoctorCalendarUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/**
 * Routes for the platform's own services only (SERVICE role); the gateway does not expose them: doctor-service's
 * questions about a doctor's appointments, decided in the doctor's booking queue.
 */
export function doctorCalendarRoutes(app: App, auth: Authenticator, doctorCalendar: DoctorCalendarUseCases) {
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
}

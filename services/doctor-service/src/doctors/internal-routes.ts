import { Type, type App, type Authenticator } from '@clinic/service-kit';
import { errorResponses, IdParams } from '@clinic/contracts';
import type { DoctorUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** Routes for the platform's own services only (SERVICE role); the gateway does not expose them. */
export function doctorInternalRoutes(app: App, auth: Authenticator, doctors: DoctorUseCases) {
  app.post(
    '/internal/doctors/by-user/:id/retire',
    {
      preHandler: auth.require('SERVICE'),
      schema: {
        summary:
          'Delete the user’s doctor record, if they have one, before their role changes or they are deleted (internal, for user-service)',
        description:
          'retired is false when the user has no doctor record. 409 DOCTOR_HAS_APPOINTMENTS (details.appointments) while the ' +
          'doctor has appointments not ended yet, decided as DELETE /doctors/{id} decides it; the role is left to user-service.',
        tags: ['internal'],
        security: bearer,
        params: IdParams,
        response: { 200: Type.Object({ retired: Type.Boolean() }), ...errorResponses(400, 401, 403, 409, 503) },
      },
    },
    async (request) => doctors.retireUser(request.params.id),
  );
}

import { principalOf, type App, type Authenticator } from '@clinic/service-kit';
import { errorResponses, PersonalDataExport } from '@clinic/contracts';
import type { PersonalDataUseCases } from './personal-data.ts';

const bearer = [{ bearer: [] }];

/** The caller’s export of everything the clinic holds of them. */
export function personalDataRoutes(app: App, auth: Authenticator, personalData: PersonalDataUseCases) {
  app.get(
    '/users/me/export',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'Everything the clinic holds of the caller: profile, appointments, notifications, waitlist and PDFs (base64)',
        tags: ['users'],
        security: bearer,
        response: { 200: PersonalDataExport, ...errorResponses(401, 403, 404, 503) },
      },
    },
    async (request) => personalData.exportOf(principalOf(request)),
  );
}

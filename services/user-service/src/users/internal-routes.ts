import type { App, Authenticator } from '@clinic/service-kit';
import { errorResponses, UserContact, UserIdParams } from '@clinic/contracts';
import type { UserUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** A user's contact, for the platform's own services only (SERVICE role); the gateway does not expose it. */
export function userInternalRoutes(app: App, auth: Authenticator, users: UserUseCases) {
  app.get(
    '/internal/users/:id/contact',
    {
      preHandler: auth.require('SERVICE'),
      schema: {
        summary: 'A user’s email address, name and language, for notifications (internal)',
        tags: ['internal'],
        security: bearer,
        params: UserIdParams,
        response: { 200: UserContact, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => users.contact(request.params.id),
  );
}

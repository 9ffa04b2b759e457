import { TOKEN_NOT_BEFORE_MEMORY_MS, type App, type Authenticator } from '@clinic/service-kit';
import { errorResponses, RecentTokenNotBefores, UserContact, UserIdParams } from '@clinic/contracts';
import type { UserUseCases } from './users.ts';

const bearer = [{ bearer: [] }];

/** Routes for the platform's own services only (SERVICE role); the gateway does not expose them. */
export function internalRoutes(app: App, auth: Authenticator, users: UserUseCases) {
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

  app.get(
    '/internal/users/token-not-befores',
    {
      preHandler: auth.require('SERVICE'),
      schema: {
        summary: 'The users’ not-befores recent enough to matter: a starting service refuses the tokens issued before them (internal)',
        tags: ['internal'],
        security: bearer,
        response: { 200: RecentTokenNotBefores, ...errorResponses(401, 403) },
      },
    },
    async () => ({ items: await users.recentTokenNotBefores(TOKEN_NOT_BEFORE_MEMORY_MS) }),
  );
}

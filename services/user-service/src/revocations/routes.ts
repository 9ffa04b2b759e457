import { TOKEN_NOT_BEFORE_MEMORY_MS, type App, type Authenticator } from '@clinic/service-kit';
import { errorResponses, RecentTokenNotBefores, type TokenNotBefore } from '@clinic/contracts';

const bearer = [{ bearer: [] }];

/** Where the route reads the recent not-befores from. */
export interface RecentNotBefores {
  recentTokenNotBefores(withinMs: number): Promise<TokenNotBefore[]>;
}

/** The recent not-befores, for the platform's own services only (SERVICE role); the gateway does not expose it. */
export function revocationRoutes(app: App, auth: Authenticator, source: RecentNotBefores) {
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
    async () => ({ items: await source.recentTokenNotBefores(TOKEN_NOT_BEFORE_MEMORY_MS) }),
  );
}

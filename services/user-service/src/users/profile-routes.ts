import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import { errorResponses, UpdateOwnProfileRequest, UserProfile } from '@clinic/contracts';
import type { UserUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** The caller’s own profile: read, changed, deleted. */
export function ownProfileRoutes(app: App, auth: Authenticator, users: UserUseCases) {
  app.get(
    '/users/me',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'The caller’s profile',
        tags: ['users'],
        security: bearer,
        response: { 200: UserProfile, ...errorResponses(401, 403) },
      },
    },
    async (request) => users.profileOf(principalOf(request)),
  );

  app.put(
    '/users/me',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'Update the caller’s name, phone or email language (ro, en)',
        tags: ['users'],
        security: bearer,
        body: UpdateOwnProfileRequest,
        // 404: the account was deleted while the caller's token is still valid.
        response: { 200: UserProfile, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => users.updateOwnProfile(principalOf(request), request.body),
  );

  app.delete(
    '/users/me',
    {
      preHandler: auth.require('PATIENT'),
      schema: {
        summary: 'Delete the caller’s own account, in Keycloak too (PATIENT; staff accounts are deleted by an admin)',
        description:
          'The same removal as an admin’s DELETE /users/{id}: the appointments ahead are cancelled (their doctors told), ' +
          'the waitlist entries and held times released, the notifications purged, the PDFs erased (their links answer 404), ' +
          'and what the clinic keeps (past appointments, audit) no longer names the patient.',
        tags: ['users'],
        security: bearer,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await users.remove(principal, principal.id, { own: true });
      return reply.status(204).send(null);
    },
  );
}

/** The local profiles refreshed from Keycloak. */
export function syncRoutes(app: App, auth: Authenticator, users: UserUseCases) {
  app.post(
    '/users/sync-keycloak',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'Create or refresh the local profile from Keycloak: the caller’s, or everyone’s (ADMIN, ?all=true)',
        tags: ['users'],
        security: bearer,
        querystring: Type.Object({ all: Type.Boolean({ default: false }) }),
        response: { 200: Type.Object({ synced: Type.Integer() }), ...errorResponses(401, 403) },
      },
    },
    async (request) => users.syncFromKeycloak(principalOf(request), request.query.all),
  );
}

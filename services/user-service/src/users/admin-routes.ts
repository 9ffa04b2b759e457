import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import {
  AdminUpdateUserRequest,
  ChangeRoleRequest,
  errorResponses,
  Page,
  PageQuery,
  UserIdParams,
  UserProfile,
  UserRole,
} from '@clinic/contracts';
import type { UserUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** The users as an admin finds them, and one user’s profile. */
export function userListRoutes(app: App, auth: Authenticator, users: UserUseCases) {
  app.get(
    '/users',
    {
      preHandler: auth.require('ADMIN'),
      schema: {
        summary: 'List users, optionally those whose name or email contains `q` (any case) (ADMIN)',
        tags: ['users'],
        security: bearer,
        querystring: Type.Object({
          ...PageQuery.properties,
          role: Type.Optional(UserRole),
          q: Type.Optional(
            Type.String({
              maxLength: 200,
              // No control characters: PostgreSQL refuses a NUL in a text parameter.
              pattern: '^[^\\u0000-\\u001f\\u007f]*$',
              description: 'Part of the name or email, any case; empty matches every user',
            }),
          ),
        }),
        response: { 200: Page(UserProfile), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => users.list(request.query),
  );

  app.get(
    '/users/:id',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'A user’s profile (ADMIN, or the user)',
        tags: ['users'],
        security: bearer,
        params: UserIdParams,
        response: { 200: UserProfile, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => users.get(principalOf(request), request.params.id),
  );
}

/** An admin changes a user, their role, or deletes them. */
export function userAdminRoutes(app: App, auth: Authenticator, users: UserUseCases) {
  app.put(
    '/users/:id',
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: 'USER_UPDATED' },
      schema: {
        summary: 'Update a user’s name, phone or email (ADMIN)',
        tags: ['users'],
        security: bearer,
        params: UserIdParams,
        body: AdminUpdateUserRequest,
        response: { 200: UserProfile, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => users.update(request.params.id, request.body),
  );

  app.put(
    '/users/:id/role',
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: 'ROLE_CHANGED' },
      schema: {
        summary: 'Change a user’s role, in Keycloak too (ADMIN)',
        tags: ['users'],
        security: bearer,
        params: UserIdParams,
        body: ChangeRoleRequest,
        response: { 200: UserProfile, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => users.changeRole(principalOf(request), request.params.id, request.body.role),
  );

  app.delete(
    '/users/:id',
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: 'USER_DELETED' },
      schema: {
        summary: 'Delete a user, in Keycloak too (ADMIN)',
        tags: ['users'],
        security: bearer,
        params: UserIdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await users.remove(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

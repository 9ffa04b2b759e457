import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import {
  AdminUpdateUserRequest,
  ChangeRoleRequest,
  errorResponses,
  Page,
  PageQuery,
  PasswordPolicy,
  PersonalDataExport,
  RegisterRequest,
  UpdateOwnProfileRequest,
  UserIdParams,
  UserProfile,
  UserRole,
} from '@clinic/contracts';
import type { PersonalDataUseCases } from './personal-data.ts';
import type { UserUseCases } from './users.ts';

const bearer = [{ bearer: [] }];

export function userRoutes(app: App, auth: Authenticator, users: UserUseCases, personalData: PersonalDataUseCases) {
  app.post(
    '/users/register',
    {
      schema: {
        summary: 'Create a patient account (no token needed)',
        tags: ['users'],
        body: RegisterRequest,
        response: { 201: UserProfile, ...errorResponses(400, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await users.register(request.body)),
  );

  app.get(
    '/users/password-policy',
    {
      schema: {
        summary: 'What a new password must be, read from the realm’s password policy (no token needed)',
        tags: ['users'],
        response: { 200: PasswordPolicy, ...errorResponses(503) },
      },
    },
    async () => users.passwordPolicy(),
  );

  app.post(
    '/users/me/verification-email',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'Have Keycloak email the caller the link that verifies their address again',
        description: '409 EMAIL_ALREADY_VERIFIED when it is verified (a token issued before says otherwise until renewed).',
        tags: ['users'],
        security: bearer,
        response: { 202: Type.Null(), ...errorResponses(401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      await users.resendVerificationEmail(principalOf(request));
      return reply.status(202).send(null);
    },
  );

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

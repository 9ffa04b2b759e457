import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import { errorResponses, PasswordPolicy, RegisterRequest, UserProfile } from '@clinic/contracts';
import type { UserUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** A patient’s registration, the password policy it follows, and the verification email again. */
export function registrationRoutes(app: App, auth: Authenticator, users: UserUseCases) {
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
}

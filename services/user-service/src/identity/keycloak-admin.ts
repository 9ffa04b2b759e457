import KcAdminClient from '@keycloak/keycloak-admin-client';
import { AppError, badRequest, conflict, unavailable } from '@clinic/service-kit';
import { isPasswordPolicyRefusal } from './password-policy.ts';

export interface IdentityDirectoryOptions {
  baseUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  /** Where the link in Keycloak's verification email leads back to: the web app's public origin. */
  publicUrl: string;
}

interface KeycloakFailure {
  response?: { status: number };
  responseData?: { errorMessage?: string; error_description?: string; error?: string };
}

/** Runs one action on Keycloak's admin API; Keycloak's refusals come out as the platform's error answers. */
export type KeycloakCall = <T>(action: (kc: KcAdminClient) => Promise<T>) => Promise<T>;

/** Keycloak's refusal (or failure) as the platform's error answer. */
function translated(error: unknown): Error {
  if (error instanceof AppError) return error;
  const failure = error as KeycloakFailure;
  const status = failure.response?.status;
  const reason = failure.responseData?.errorMessage ?? failure.responseData?.error_description ?? failure.responseData?.error;
  if (status === 409) return conflict('EMAIL_TAKEN', 'A user with this email already exists');
  if (status === 400 && isPasswordPolicyRefusal(reason)) {
    // Keycloak's words stay in the message for the command line; the web app says it in its own (RO/EN).
    return badRequest('WEAK_PASSWORD', `The password does not meet the password policy (GET /api/users/password-policy): ${reason}`);
  }
  if (status === 400) return badRequest('REJECTED_BY_IDENTITY_PROVIDER', reason ?? 'Keycloak rejected the request');
  if (status === 404) return new AppError(404, 'NOT_FOUND', 'User not found in Keycloak');
  return unavailable(`Keycloak admin API failed${status ? ` (${status})` : ''}: ${reason ?? String(error)}`);
}

/** Keycloak's admin API with the services' own client (client credentials), its token renewed before it expires. */
export function keycloakAdminCall(options: IdentityDirectoryOptions): KeycloakCall {
  const admin = new KcAdminClient({ baseUrl: options.baseUrl, realmName: options.realm });
  let tokenExpiresAt = 0;

  async function client() {
    if (Date.now() >= tokenExpiresAt) {
      await admin
        .auth({ grantType: 'client_credentials', clientId: options.clientId, clientSecret: options.clientSecret })
        .catch((error: unknown) => {
          throw unavailable(`Keycloak admin API unavailable: ${error instanceof Error ? error.message : String(error)}`);
        });
      // Tokens live 300 s; renew well before.
      tokenExpiresAt = Date.now() + 240_000;
    }
    return admin;
  }

  return async <T>(action: (kc: KcAdminClient) => Promise<T>): Promise<T> => {
    const kc = await client();
    try {
      return await action(kc);
    } catch (error) {
      throw translated(error);
    }
  };
}

import { Type } from 'typebox';
import { createAuthenticator } from './auth.ts';
import { serviceTokenSource } from './service-client.ts';
import { tokenNotBefores } from './token-revocations.ts';

/** The settings of every service that verifies tokens or calls other services with its own identity. */
export const keycloakConfigProperties = {
  KEYCLOAK_URL: Type.String({ format: 'uri', description: 'Keycloak base URL inside the network, with /auth' }),
  KEYCLOAK_REALM: Type.String({ default: 'clinic', description: 'The Keycloak realm' }),
  JWT_ISSUER: Type.String({ minLength: 1, description: 'Issuer that tokens must carry (the public realm URL)' }),
  JWT_AUDIENCE: Type.String({ default: 'clinic-api', description: 'Audience that tokens must carry' }),
  KEYCLOAK_CLIENT_ID: Type.String({ default: 'clinic-services', description: 'The services’ own Keycloak client (client credentials)' }),
  KEYCLOAK_CLIENT_SECRET: Type.String({ minLength: 1, description: 'The secret of that client' }),
};

export interface KeycloakConfig {
  KEYCLOAK_URL: string;
  KEYCLOAK_REALM: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  KEYCLOAK_CLIENT_ID: string;
  KEYCLOAK_CLIENT_SECRET: string;
}

/**
 * Token verification for incoming requests and the service's own token for outgoing ones. The
 * verification honours `notBefores`, which the service feeds (followTokenRevocations of
 * @clinic/messaging): a token issued before its user's latest role change or deletion is refused.
 */
export function keycloakIdentity(config: KeycloakConfig) {
  const realmUrl = `${config.KEYCLOAK_URL}/realms/${config.KEYCLOAK_REALM}`;
  const notBefores = tokenNotBefores();
  return {
    notBefores,
    auth: createAuthenticator({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      jwksUrl: `${realmUrl}/protocol/openid-connect/certs`,
      notBefores,
    }),
    serviceToken: serviceTokenSource({
      tokenUrl: `${realmUrl}/protocol/openid-connect/token`,
      clientId: config.KEYCLOAK_CLIENT_ID,
      clientSecret: config.KEYCLOAK_CLIENT_SECRET,
    }),
  };
}

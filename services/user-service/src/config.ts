import { serviceConfig, Type } from '@clinic/service-kit';

export const configSchema = serviceConfig({
  DATABASE_URL: Type.String({ minLength: 1 }),
  DATABASE_SCHEMA: Type.String({ default: 'user_service' }),
  KEYCLOAK_URL: Type.String({ format: 'uri', description: 'Keycloak base URL inside the network, with /auth' }),
  KEYCLOAK_REALM: Type.String({ default: 'clinic' }),
  JWT_ISSUER: Type.String({ minLength: 1, description: 'Issuer of user tokens (the public Keycloak realm URL)' }),
  JWT_AUDIENCE: Type.String({ default: 'clinic-api' }),
  KEYCLOAK_CLIENT_ID: Type.String({ default: 'clinic-services' }),
  KEYCLOAK_CLIENT_SECRET: Type.String({ minLength: 1 }),
});

import { keycloakConfigProperties, serviceConfig, Type } from '@clinic/service-kit';

export const configSchema = serviceConfig({
  DATABASE_URL: Type.String({ minLength: 1 }),
  DATABASE_SCHEMA: Type.String({ default: 'user_service' }),
  ...keycloakConfigProperties,
});

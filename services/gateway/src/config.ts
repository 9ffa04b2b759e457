import { serviceConfig, Type } from '@clinic/service-kit';

const url = Type.String({ format: 'uri' });

export const configSchema = serviceConfig({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8080 }),
  USER_SERVICE_URL: url,
  DOCTOR_SERVICE_URL: Type.Optional(url),
  APPOINTMENT_SERVICE_URLS: Type.Optional(Type.String({ description: 'Comma-separated replica base URLs' })),
  NOTIFICATION_SERVICE_URL: Type.Optional(url),
  NOTIFICATION_SERVICE_URLS: Type.Optional(Type.String({ description: 'Comma-separated notification-service replica base URLs' })),
  KEYCLOAK_URL: Type.String({ format: 'uri', description: 'Keycloak base URL inside the network, with /auth' }),
  REGISTER_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  UPSTREAM_RESOLVE_INTERVAL_MS: Type.Integer({
    minimum: 0,
    default: 0,
    description:
      'When above 0, service host names are resolved this often and requests spread over every address (DNS round-robin endpoints)',
  }),
  WEB_ROOT: Type.Optional(Type.String({ description: 'Folder of the built web app; a placeholder page otherwise' })),
});

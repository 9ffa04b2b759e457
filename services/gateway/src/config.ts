import { serviceConfig, Type } from '@clinic/service-kit';

export const configSchema = serviceConfig({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8080, description: 'The port it listens on' }),
  USER_SERVICE_URL: Type.String({ format: 'uri', description: 'user-service base URL' }),
  DOCTOR_SERVICE_URL: Type.Optional(Type.String({ format: 'uri', description: 'doctor-service base URL' })),
  APPOINTMENT_SERVICE_URLS: Type.Optional(
    Type.String({ description: 'appointment-service replicas, comma-separated base URLs (round robin)' }),
  ),
  NOTIFICATION_SERVICE_URL: Type.Optional(
    Type.String({ format: 'uri', description: 'notification-service base URL (one replica; NOTIFICATION_SERVICE_URLS for several)' }),
  ),
  NOTIFICATION_SERVICE_URLS: Type.Optional(
    Type.String({ description: 'notification-service replicas, comma-separated base URLs (round robin)' }),
  ),
  KEYCLOAK_URL: Type.String({ format: 'uri', description: 'Keycloak base URL inside the network, with /auth' }),
  KEYCLOAK_REALM: Type.String({ default: 'clinic', description: 'The Keycloak realm' }),
  // Tokens are verified here only to pick a write's rate-limit bucket; the services verify them for access.
  JWT_ISSUER: Type.String({ minLength: 1, description: 'Issuer that tokens must carry (the public realm URL)' }),
  JWT_AUDIENCE: Type.String({ default: 'clinic-api', description: 'Audience that tokens must carry' }),
  REGISTER_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 10, description: 'Registrations per client address per minute' }),
  WRITE_RATE_LIMIT_PER_MINUTE: Type.Integer({
    minimum: 1,
    default: 120,
    description:
      'Writes (POST, PUT, PATCH, DELETE under /api) one user may make per minute; keyed by the verified token subject, else the address',
  }),
  LOGIN_FAILURES_PER_WINDOW: Type.Integer({
    minimum: 1,
    default: 5,
    description:
      "Failed password submissions (login form, password grant) one client address may make in the window before the gateway answers 429; below Keycloak's per-account lock (10)",
  }),
  LOGIN_FAILURE_WINDOW_SECONDS: Type.Integer({ minimum: 1, default: 900, description: 'The window failed logins are counted in' }),
  LOGIN_RETRY_DELAY_MS: Type.Integer({
    minimum: 0,
    default: 2000,
    description:
      "After a failed login, the address's next password submission waits this long (two failures within Keycloak's quick-login check, 1 s, lock the account for a minute)",
  }),
  PUBLIC_URL: Type.Optional(
    Type.String({ format: 'uri', description: 'The public origin: the only one CORS allows; https here turns on HSTS' }),
  ),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1000, default: 30_000, description: 'Time a client has to send its whole request' }),
  HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 1000, default: 10_000, description: 'Time a client has to send its request headers' }),
  CONNECTION_TIMEOUT_MS: Type.Integer({ minimum: 1000, default: 60_000, description: 'An idle socket is closed after this long' }),
  UPSTREAM_RESOLVE_INTERVAL_MS: Type.Integer({
    minimum: 0,
    default: 0,
    description:
      'When above 0, service host names are resolved this often and requests spread over every address (DNS round-robin endpoints)',
  }),
  WEB_ROOT: Type.Optional(Type.String({ description: 'Folder of the built web app; a placeholder page otherwise' })),
  PROMETHEUS_URL: Type.Optional(
    Type.String({
      format: 'uri',
      description: "Prometheus's base URL, read by the admin's System page (GET /api/system/overview); absent: it answers 503",
    }),
  ),
  JAEGER_QUERY_URL: Type.Optional(
    Type.String({
      format: 'uri',
      description: "Jaeger's query API base URL, read for one request's trace (GET /api/system/traces/{traceId}); absent: it answers 503",
    }),
  ),
});

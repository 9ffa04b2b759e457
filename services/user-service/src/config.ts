import { databaseConfigProperties, keycloakConfigProperties, serviceConfig, Type } from '@clinic/service-kit';

export const configSchema = serviceConfig({
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL with the service’s own role' }),
  DATABASE_SCHEMA: Type.String({
    default: 'user_service',
    description: 'The PostgreSQL schema its migrations create and its tables live in',
  }),
  ...databaseConfigProperties,
  ...keycloakConfigProperties,
  AMQP_URL: Type.String({ minLength: 1, description: 'RabbitMQ: user.updated and user.deleted events for the other services' }),
  DOCTOR_SERVICE_URL: Type.String({
    format: 'uri',
    description: 'doctor-service, asked to delete a doctor record before its user stops being one',
  }),
  CLINIC_PUBLIC_URL: Type.String({
    format: 'uri',
    description: 'The gateway’s public origin: the link in Keycloak’s verification email leads back to the web app there',
  }),
  APPOINTMENT_SERVICE_URL: Type.String({
    format: 'uri',
    description: 'appointment-service, asked for a patient’s records for their export',
  }),
  NOTIFICATION_SERVICE_URL: Type.String({
    format: 'uri',
    description: 'notification-service, asked for a user’s notifications for their export',
  }),
  OUTBOX_INTERVAL_MS: Type.Integer({ minimum: 50, default: 500, description: 'Period of the outbox relay' }),
});

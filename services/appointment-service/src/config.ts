import { keycloakConfigProperties, serviceConfig, Type } from '@clinic/service-kit';

export const configSchema = serviceConfig({
  DATABASE_URL: Type.String({ minLength: 1 }),
  DATABASE_SCHEMA: Type.String({ default: 'appointment_service' }),
  AMQP_URL: Type.String({ minLength: 1 }),
  DOCTOR_SERVICE_URL: Type.String({ format: 'uri' }),
  ...keycloakConfigProperties,
  REPLICA_NAME: Type.String({ default: 'appointment-service', description: 'Names this replica in logs and in RabbitMQ' }),
  BOOKING_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 15_000, description: 'How long a request waits for the booking worker' }),
  OUTBOX_INTERVAL_MS: Type.Integer({ minimum: 50, default: 500 }),
  COMPLETION_INTERVAL_MS: Type.Integer({ minimum: 1_000, default: 60_000 }),
});

import { DEFAULT_TIME_ZONE } from '@clinic/scheduling';
import {
  databaseConfigProperties,
  APPOINTMENT_LINK_SECRET_MIN_LENGTH,
  clinicTimeZone,
  keycloakConfigProperties,
  serviceConfig,
  Type,
} from '@clinic/service-kit';
import './cron-format.ts';

export const configSchema = serviceConfig({
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL with the service’s own role' }),
  DATABASE_SCHEMA: Type.String({
    default: 'notification_service',
    description: 'The PostgreSQL schema its migrations create and its tables live in',
  }),
  ...databaseConfigProperties,
  AMQP_URL: Type.String({ minLength: 1, description: 'RabbitMQ: appointment-service’s and user-service’s events' }),
  USER_SERVICE_URL: Type.String({ format: 'uri', description: 'user-service: recipients’ addresses and languages' }),
  APPOINTMENT_SERVICE_URL: Type.String({
    format: 'uri',
    description: 'appointment-service: event history, PDF links, unprocessed events and reminders due',
  }),
  ...keycloakConfigProperties,
  REPLICA_NAME: Type.String({ default: 'notification-service', description: 'Names this replica in logs and in RabbitMQ' }),
  SMTP_URL: Type.String({ pattern: '^smtps?://', description: 'The mail relay, e.g. smtp://user:pass@relay:587 (smtps:// for TLS)' }),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Clinica <no-reply@clinic.local>', description: 'Sender of every email' }),
  CLINIC_NAME: Type.String({ minLength: 1, default: 'Clinica', description: 'Shown in every email' }),
  CLINIC_PUBLIC_URL: Type.String({ format: 'uri', description: 'The gateway’s public origin: every link in an email starts with it' }),
  APPOINTMENT_LINK_SECRET: Type.String({
    minLength: APPOINTMENT_LINK_SECRET_MIN_LENGTH,
    description: 'Key signing the links in appointment emails (HMAC-SHA256); appointment-service verifies with the same key',
  }),
  CLINIC_TIME_ZONE: clinicTimeZone(DEFAULT_TIME_ZONE, 'the times in emails and the reminder schedule'),
  CPU_NICENESS: Type.Integer({
    minimum: 0,
    maximum: 19,
    default: 10,
    description:
      'The process’s nice value: emails are background work, so on a busy machine the booking path’s processes get the CPU first (0: no lower)',
  }),
  SEND_MAX_ATTEMPTS: Type.Integer({ minimum: 1, default: 10, description: 'Attempts before a notification is FAILED' }),
  SEND_RETRY_BASE_MS: Type.Integer({ minimum: 10, default: 5_000, description: 'First retry delay; doubled each attempt' }),
  SEND_RETRY_MAX_MS: Type.Integer({ minimum: 10, default: 600_000, description: 'Longest delay between attempts' }),
  SEND_LEASE_MS: Type.Integer({
    minimum: 1_000,
    default: 60_000,
    description: 'How long a replica holds a notification it is sending; after that another replica takes it over',
  }),
  SEND_INTERVAL_MS: Type.Integer({ minimum: 50, default: 1_000, description: 'How often each replica looks for notifications due' }),
  CATCH_UP_INTERVAL_MS: Type.Integer({ minimum: 100, default: 60_000, description: 'Period of the event and reminder catch-up' }),
  EVENT_CATCH_UP_AGE_SECONDS: Type.Integer({ minimum: 0, default: 60, description: 'Unprocessed events at least this old are caught up' }),
  REMINDER_CRON: Type.String({ format: 'cron', default: '0 0 * * *', description: 'When the reminder run starts, in CLINIC_TIME_ZONE' }),
  PATIENT_CHANGE_CUTOFF_HOURS: Type.Number({
    minimum: 0,
    maximum: 720,
    default: 12,
    description: 'appointment-service’s patient cut-off (set both alike): reminders say until when a patient may cancel online',
  }),
  REMINDER_MIN_LEAD_HOURS: Type.Integer({
    minimum: 0,
    maximum: 23,
    default: 6,
    description: 'An appointment booked after the night’s run is reminded if it starts at least this many hours later',
  }),
});

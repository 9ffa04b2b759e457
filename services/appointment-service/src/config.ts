import { DEFAULT_TIME_ZONE } from '@clinic/scheduling';
import {
  databaseConfigProperties,
  APPOINTMENT_LINK_SECRET_MIN_LENGTH,
  clinicTimeZone,
  keycloakConfigProperties,
  serviceConfig,
  Type,
} from '@clinic/service-kit';

/** Most booking shards a deployment may run: each is a quorum queue and a transaction at a time. */
export const MAX_BOOKING_SHARDS = 32;

export const configSchema = serviceConfig({
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL with the service’s own role' }),
  DATABASE_SCHEMA: Type.String({
    default: 'appointment_service',
    description: 'The PostgreSQL schema its migrations create and its tables live in',
  }),
  ...databaseConfigProperties,
  AMQP_URL: Type.String({ minLength: 1, description: 'RabbitMQ: the booking queues, its events, user-service’s events' }),
  DOCTOR_SERVICE_URL: Type.String({ format: 'uri', description: 'doctor-service: booking profiles and cabinets' }),
  USER_SERVICE_URL: Type.String({ format: 'uri', description: 'user-service: whom the front desk books for' }),
  NOTIFICATION_SERVICE_URL: Type.String({
    format: 'uri',
    description: 'notification-service: the emails sent about an appointment, for its timeline',
  }),
  ...keycloakConfigProperties,
  REPLICA_NAME: Type.String({ default: 'appointment-service', description: 'Names this replica in logs and in RabbitMQ' }),
  BOOKING_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 15_000, description: 'How long a request waits for the booking worker' }),
  BOOKING_SHARDS: Type.Integer({
    minimum: 1,
    maximum: MAX_BOOKING_SHARDS,
    default: 1,
    description: 'Booking queues, commands routed by doctor; the same on every replica (changing it needs the queues drained)',
  }),
  PATIENT_CHANGE_CUTOFF_HOURS: Type.Number({
    minimum: 0,
    maximum: 720,
    default: 12,
    description: 'How long before an appointment its patient can no longer cancel or move it (staff can, with a reason)',
  }),
  WAITLIST_HOLD_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 86_400,
    default: 600,
    description: 'How long a freed time offered from the waitlist is held for the patient it is offered to (never past the time’s start)',
  }),
  NO_SHOW_GRACE_MINUTES: Type.Integer({
    minimum: 0,
    maximum: 1_440,
    default: 10,
    description:
      'How long after an appointment’s start its patient may still arrive: a no-show is marked only then (409 TOO_EARLY_FOR_NO_SHOW)',
  }),
  MAX_FUTURE_APPOINTMENTS_PER_PATIENT: Type.Integer({
    minimum: 1,
    default: 10,
    description:
      'Most active appointments ahead a patient books for themselves (the front desk is not capped); one more: 409 TOO_MANY_APPOINTMENTS',
  }),
  MAX_WAITLIST_ENTRIES_PER_PATIENT: Type.Integer({
    minimum: 1,
    default: 5,
    description: 'Most waitlist entries a patient waits with at once; one more: 409 TOO_MANY_WAITLIST_ENTRIES',
  }),
  WAITLIST_INTERVAL_MS: Type.Integer({
    minimum: 100,
    default: 5_000,
    description: 'How often each replica looks for holds whose time is up, to offer their time to the next waiter',
  }),
  OUTBOX_INTERVAL_MS: Type.Integer({ minimum: 50, default: 500, description: 'Period of the outbox relay' }),
  COMPLETION_INTERVAL_MS: Type.Integer({
    minimum: 1_000,
    default: 60_000,
    description: 'Period of the job that completes past appointments',
  }),
  MINIO_ENDPOINT: Type.String({ format: 'uri', description: 'MinIO (S3 API) base URL, inside the network only' }),
  MINIO_ACCESS_KEY: Type.String({ minLength: 1, description: 'MinIO access key' }),
  MINIO_SECRET_KEY: Type.String({ minLength: 1, description: 'MinIO secret key' }),
  PDF_BUCKET: Type.String({
    pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
    default: 'appointment-pdfs',
    description: 'Bucket of the appointment PDFs, made at start-up if missing',
  }),
  CLINIC_PUBLIC_URL: Type.String({ format: 'uri', description: 'The gateway’s public origin: every PDF link starts with it' }),
  PDF_LINK_TTL_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 604_800,
    default: 900,
    description: 'How long the PDF link the app asks for works (at most 7 days)',
  }),
  CLINIC_TIME_ZONE: clinicTimeZone(DEFAULT_TIME_ZONE, 'the times on the PDFs and in answers (until when a time is held)'),
  CLINIC_NAME: Type.String({ minLength: 1, default: 'Clinica', description: 'The clinic’s name, at the top of every PDF' }),
  CLINIC_ADDRESS: Type.String({
    default: 'Strada Sănătății 1, București',
    description: 'The clinic’s address, under its name on every PDF',
  }),
  // Not CLINIC_LOGO_FILE: a NAME_FILE variable is read as NAME's value (Docker secrets).
  CLINIC_LOGO_PATH: Type.Optional(
    Type.String({ minLength: 1, description: 'A PNG or JPEG file, read at start-up: the logo at the top of every PDF (none when absent)' }),
  ),
  PDF_DOWNLOAD_LINK_TTL_SECONDS: Type.Integer({
    minimum: 60,
    default: 1_209_600,
    description: 'How long the PDF links in emails work (served through the gateway; 14 days by default)',
  }),
  APPOINTMENT_LINK_SECRET: Type.String({
    minLength: APPOINTMENT_LINK_SECRET_MIN_LENGTH,
    description: 'Key of the signed links in appointment emails (HMAC-SHA256); notification-service signs with the same key',
  }),
  PDF_DOWNLOAD_SECRET: Type.Optional(
    Type.String({ minLength: 16, description: 'Key signing the emailed PDF links; derived from MINIO_SECRET_KEY when absent' }),
  ),
});

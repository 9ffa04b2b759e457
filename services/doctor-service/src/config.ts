import { databaseConfigProperties, clinicTimeZone, keycloakConfigProperties, serviceConfig, Type } from '@clinic/service-kit';
import { DEFAULT_TIME_ZONE } from '@clinic/scheduling';

export const configSchema = serviceConfig({
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL with the service’s own role' }),
  DATABASE_SCHEMA: Type.String({
    default: 'doctor_service',
    description: 'The PostgreSQL schema its migrations create and its tables live in',
  }),
  ...databaseConfigProperties,
  ...keycloakConfigProperties,
  USER_SERVICE_URL: Type.String({ format: 'uri', description: 'user-service: checks a doctor’s user and grants the DOCTOR role' }),
  APPOINTMENT_SERVICE_URL: Type.String({
    format: 'uri',
    description: 'appointment-service, asked which times are booked and which appointments a change affects',
  }),
  AMQP_URL: Type.String({ minLength: 1, description: 'RabbitMQ: user-service’s events keep doctors’ names and emails current' }),
  CLINIC_TIME_ZONE: clinicTimeZone(DEFAULT_TIME_ZONE, 'the schedules and slots'),
  CLINIC_MIN_NOTICE_MINUTES: Type.Integer({
    minimum: 0,
    maximum: 20160,
    default: 60,
    description: 'How many minutes before its start a time can still be booked online, unless the doctor has their own',
  }),
  CLINIC_BUFFER_MINUTES: Type.Integer({
    minimum: 0,
    maximum: 240,
    default: 0,
    description: 'Minutes kept free after each appointment, unless the doctor has their own',
  }),
  CLINIC_PUBLIC_HOLIDAYS: Type.Union([Type.Literal('RO'), Type.Literal('none')], {
    default: 'none',
    description: 'Whose public holidays close the clinic, this year and the next four, each year loaded once at start (RO or none)',
  }),
  BOOKING_HORIZON_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 90, description: 'How many days ahead slots are offered' }),
});

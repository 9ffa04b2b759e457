import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '@clinic/service-kit';
import { configSchema } from '../config.ts';
import { nextRun } from './reminder-schedule.ts';

const BUCHAREST = 'Europe/Bucharest';

describe('the nightly reminder schedule', () => {
  it('fires at midnight in the clinic’s zone by default: 22:00 UTC in winter, 21:00 UTC in summer', () => {
    assert.equal(nextRun('0 0 * * *', BUCHAREST, new Date('2026-12-01T15:00:00Z'))?.toISOString(), '2026-12-01T22:00:00.000Z');
    assert.equal(nextRun('0 0 * * *', BUCHAREST, new Date('2026-07-01T15:00:00Z'))?.toISOString(), '2026-07-01T21:00:00.000Z');
  });

  it('keeps to local midnight across the spring and autumn clock changes', () => {
    // Clocks go forward on 2026-03-29 and back on 2026-10-25 in Bucharest.
    assert.equal(nextRun('0 0 * * *', BUCHAREST, new Date('2026-03-28T23:00:00Z'))?.toISOString(), '2026-03-29T21:00:00.000Z');
    assert.equal(nextRun('0 0 * * *', BUCHAREST, new Date('2026-10-25T12:00:00Z'))?.toISOString(), '2026-10-25T22:00:00.000Z');
  });

  it('follows REMINDER_CRON and refuses a malformed one at start-up', () => {
    const env = {
      PORT: '1',
      DATABASE_URL: 'postgres://x',
      AMQP_URL: 'amqp://x',
      USER_SERVICE_URL: 'http://127.0.0.1:1',
      APPOINTMENT_SERVICE_URL: 'http://127.0.0.1:1',
      KEYCLOAK_URL: 'http://127.0.0.1:1/auth',
      JWT_ISSUER: 'http://127.0.0.1:1/auth/realms/clinic',
      KEYCLOAK_CLIENT_SECRET: 'x',
      SMTP_URL: 'smtp://127.0.0.1:1',
      CLINIC_PUBLIC_URL: 'http://127.0.0.1:1',
      APPOINTMENT_LINK_SECRET: 'a-test-secret-of-enough-length',
    };
    const config = loadConfig(configSchema, { ...env, REMINDER_CRON: '30 23 * * *' });
    assert.equal(nextRun(config.REMINDER_CRON, BUCHAREST, new Date('2026-12-01T12:00:00Z'))?.toISOString(), '2026-12-01T21:30:00.000Z');
    assert.throws(() => loadConfig(configSchema, { ...env, REMINDER_CRON: 'every night at 0' }), /REMINDER_CRON/);
  });
});

// GET /api/system/overview: the admin's System page reads the platform's figures from the stack's real
// Prometheus through the gateway; nobody else may, and a Prometheus that is down is a clear 503.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pauseServer, resumeServer } from '../../devstack/src/process.ts';
import { createDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { adminToken, registerPatient } from '../support/identity.ts';
import { eventually, gateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const OVERVIEW = gateway('/system/overview');
const PANELS = [
  'bookings_per_minute',
  'decision_latency_p99_seconds',
  'queue_depth',
  'dead_letters',
  'outbox_lag_seconds',
  'notification_backlog',
  'emails_per_minute',
  'last_reminder_run',
  'replicas_up',
];

/** Each job's replicas as the overview lists them: `{ job: { instance: up } }`. */
const replicasByJob = (body: Json): Record<string, Record<string, boolean>> => {
  const jobs: Record<string, Record<string, boolean>> = {};
  for (const replica of body.replicas as Json[]) (jobs[replica.job] ??= {})[replica.instance] = replica.up;
  return jobs;
};

describe('GET /api/system/overview', () => {
  let admin: string;
  before(async () => {
    admin = await adminToken();
  });
  after(async () => {
    // Whatever happened, Prometheus runs again for the tests after this one.
    await resumeServer(testStack().stateDir, 'prometheus');
  });

  it('answers 401 without a token, 403 to a patient and to a doctor, each as JSON', async () => {
    const [patient, doctor] = await Promise.all([
      registerPatient('system-patient'),
      createDoctor({ label: 'system-doctor', schedule: [] }),
    ]);
    const anonymous = await http(OVERVIEW);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.code, 'UNAUTHORIZED');
    for (const [who, token] of [
      ['patient', patient.token],
      ['doctor', doctor.user.token],
    ]) {
      const answer = await http(OVERVIEW, { token });
      assert.equal(answer.status, 403, who);
      assert.equal(answer.body.error.code, 'FORBIDDEN', who);
    }
  });

  it('gives the admin every figure of the last hour, each service’s replicas and the servers Prometheus scrapes', async () => {
    // Prometheus scrapes every 2 s in a test stack; its first scrapes of each target follow its start.
    const body = await eventually('Prometheus has scraped RabbitMQ and Keycloak', async () => {
      const answer = await http(OVERVIEW, { token: admin });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const jobs = replicasByJob(answer.body);
      return jobs.rabbitmq?.rabbitmq && jobs.keycloak?.keycloak ? answer.body : undefined;
    });
    assert.deepEqual(Object.keys(body.panels), PANELS);
    const start = Date.parse(body.range.start);
    const end = Date.parse(body.range.end);
    assert.equal(end - start, 3_600_000, 'the last hour');
    assert.equal(body.range.step_seconds, 60);
    assert.ok(Math.abs(Date.now() - Date.parse(body.generated_at)) < 60_000, 'made now');
    // Every replica the platform runs is a target of its service's job, named after its process.
    const jobs = replicasByJob(body);
    assert.deepEqual(Object.keys(jobs.gateway ?? {}), ['gateway']);
    assert.deepEqual(Object.keys(jobs['user-service'] ?? {}), ['user-service']);
    assert.deepEqual(Object.keys(jobs['doctor-service'] ?? {}), ['doctor-service']);
    assert.deepEqual(Object.keys(jobs['appointment-service'] ?? {}), [
      'appointment-service-1',
      'appointment-service-2',
      'appointment-service-3',
    ]);
    assert.deepEqual(Object.keys(jobs['notification-service'] ?? {}), ['notification-service-1', 'notification-service-2']);
    // The last hour's replicas-up series of the servers scraped: one replica each, up at the last minute.
    const servers = await eventually(
      'a replicas-up point for RabbitMQ and Keycloak',
      async () => {
        const answer = await http(OVERVIEW, { token: admin });
        const last = (job: string) => (answer.body.panels.replicas_up as Json[]).find((one) => one.labels.job === job)?.points.at(-1)?.[1];
        return last('rabbitmq') !== undefined && last('keycloak') !== undefined
          ? { rabbitmq: last('rabbitmq'), keycloak: last('keycloak') }
          : undefined;
      },
      // A point a minute: the first whole minute after Prometheus's first scrape.
      90_000,
    );
    assert.deepEqual(servers, { rabbitmq: 1, keycloak: 1 });
    for (const alert of body.alerts as Json[]) {
      assert.equal(typeof alert.summary, 'string');
      assert.ok(alert.summary.length > 0, `${alert.name} has a summary`);
    }
  });

  it('answers 503 UNAVAILABLE, as JSON, while Prometheus is down, and the figures again once it is back', async () => {
    const { stateDir, prometheusUrl } = testStack();
    await pauseServer(stateDir, 'prometheus');
    const down = await http(OVERVIEW, { token: admin });
    assert.equal(down.status, 503);
    assert.equal(down.body.error.code, 'UNAVAILABLE');
    assert.match(down.body.error.message, /Prometheus/);
    await resumeServer(stateDir, 'prometheus', async () => (await fetch(`${prometheusUrl}/-/ready`)).ok);
    const back = await http(OVERVIEW, { token: admin });
    assert.equal(back.status, 200);
  });
});

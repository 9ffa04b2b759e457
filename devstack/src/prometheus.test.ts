// The alert rules and the generated Prometheus configuration, checked by Prometheus's own promtool
// (built once by the provisioning, like the servers): each alert's cases in alerts.test.yml, and the
// configuration every stack starts Prometheus with.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from './process.ts';
import { REPO_ROOT, stackProfile } from './profile.ts';
import { ALERT_RULES, prometheusConfig, scrapeJobs } from './prometheus.ts';
import { ensurePrometheus } from './provision.ts';

const CONTRACT_ALERTS = ['OutboxLagging', 'DeadLettersPresent', 'ReminderRunMissed', 'EmailsFailing', 'BookingLatencyHigh', 'ReplicaDown'];

describe('Prometheus: the alert rules and the generated configuration', () => {
  let promtool: string;
  let dir: string;
  before(async () => {
    ({ promtool } = await ensurePrometheus((line) => process.stderr.write(`[provision] ${line}\n`)));
    dir = mkdtempSync(join(tmpdir(), 'clinic-prometheus-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('every alert fires in its promtool case and stays quiet in the other (deploy/prometheus/alerts.test.yml)', async () => {
    const output = await run(promtool, ['test', 'rules', 'alerts.test.yml'], { cwd: join(REPO_ROOT, 'deploy', 'prometheus') });
    assert.match(output, /SUCCESS/);
  });

  it('alerts.yml holds exactly the six alerts the platform documents, each with a case that fires', async () => {
    const output = await run(promtool, ['check', 'rules', ALERT_RULES]);
    assert.match(output, /SUCCESS: 6 rules found/);
    const rules = readFileSync(ALERT_RULES, 'utf8');
    const tests = readFileSync(join(REPO_ROOT, 'deploy', 'prometheus', 'alerts.test.yml'), 'utf8');
    for (const alert of CONTRACT_ALERTS) {
      assert.match(rules, new RegExp(`- alert: ${alert}\\n`), `${alert} in alerts.yml`);
      assert.match(tests, new RegExp(`name: ${alert} fires`), `a firing case of ${alert}`);
      assert.match(tests, new RegExp(`name: ${alert} stays quiet`), `a quiet case of ${alert}`);
    }
  });

  for (const profile of ['dev', 'test'] as const) {
    it(`the configuration of a ${profile} stack passes promtool check config`, async () => {
      const file = join(dir, `${profile}.yml`);
      writeFileSync(file, prometheusConfig(stackProfile(profile), { postgresExporter: true }));
      const output = await run(promtool, ['check', 'config', file]);
      assert.match(output, /SUCCESS/);
    });
  }

  it('scrapes every job of the platform, each service process under its own name, on its metrics port', () => {
    const profile = stackProfile('test');
    const jobs = scrapeJobs(profile, { postgresExporter: true });
    assert.deepEqual(jobs.map((job) => job.job_name).sort(), [
      'appointment-service',
      'doctor-service',
      'gateway',
      'jaeger',
      'keycloak',
      'notification-service',
      'postgres',
      'rabbitmq',
      'user-service',
    ]);
    const appointment = jobs.find((job) => job.job_name === 'appointment-service')!;
    assert.deepEqual(
      appointment.static_configs.map((target) => target.labels?.instance),
      ['appointment-service-1', 'appointment-service-2', 'appointment-service-3'],
    );
    const gateway = jobs.find((job) => job.job_name === 'gateway')!;
    // The metrics listener, never the gateway's public port.
    assert.deepEqual(gateway.static_configs[0]!.targets, [`127.0.0.1:${profile.ports.gateway + 40}`]);
    assert.ok(!scrapeJobs(profile, { postgresExporter: false }).some((job) => job.job_name === 'postgres'));
  });
});

// The deployed stack's database network, its containers' users and its monitoring services (run by
// tests/swarm/run.ts once every service is healthy: each has connected to PostgreSQL by then, its
// /ready asks the database).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { Json } from '../support/http.ts';
import { STACK, containersOf, docker, nodeIn } from './swarm.ts';

const PUBLIC_URL = process.env.CLINIC_PUBLIC_URL!;

async function waitFor(what: string, check: () => boolean | Promise<boolean>, attempts = 60, intervalMs = 2_000): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await sleep(intervalMs);
  }
  assert.fail(`gave up waiting: ${what}`);
}

/**
 * Connects to PostgreSQL from a container of appointment-service (on db-net) with the service's own
 * role, as `connection` says, and prints what the server says of the session's TLS, or the error.
 */
function connectFromAppointmentService(connection: { host?: 'address'; tls: boolean }): { ok: boolean; output: string } {
  const script = `
    const pg = require('pg');
    const fs = require('node:fs');
    const url = new URL(fs.readFileSync('/run/secrets/appointment_service_database_url', 'utf8').trim());
    const ca = fs.readFileSync('/run/secrets/postgres_tls_ca', 'utf8');
    (async () => {
      if (${JSON.stringify(connection.host === 'address')}) url.hostname = (await require('node:dns').promises.lookup(url.hostname)).address;
      const client = new pg.Client({ connectionString: url.href, ssl: ${connection.tls ? '{ ca, rejectUnauthorized: true }' : 'false'} });
      await client.connect();
      const { rows } = await client.query('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      console.log(JSON.stringify(rows[0]));
      await client.end();
    })().catch((error) => { console.log(error.code ?? '', error.message); process.exit(1); });`;
  return nodeIn('appointment-service', script);
}

/** A SQL query as PostgreSQL's superuser, over the socket inside the database's own container. */
function psql(sql: string): string[] {
  const [container] = containersOf('postgres');
  assert.ok(container, 'a running postgres container');
  return docker(['exec', container, 'psql', '-U', 'postgres', '-X', '-A', '-t', '-c', sql]).trim().split('\n').filter(Boolean);
}

/** A GET from inside the gateway's container (on monitoring-net, as the gateway's System page reads Prometheus). */
function getFromGateway(url: string): Json {
  const answer = nodeIn(
    'gateway',
    `fetch(${JSON.stringify(url)}).then((r) => r.text()).then((t) => console.log(t), (e) => { console.log(String(e)); process.exit(1); })`,
  );
  assert.ok(answer.ok, `GET ${url} from the gateway's container: ${answer.output}`);
  return JSON.parse(answer.output);
}

describe('PostgreSQL in the stack speaks TLS only, and every client verifies it', () => {
  it('refuses a plain-text connection from a container on db-net, even with the right password', () => {
    const plain = connectFromAppointmentService({ tls: false });
    assert.equal(plain.ok, false, `a plain-text connection was accepted: ${plain.output}`);
    assert.match(plain.output, /no pg_hba\.conf entry .*no encryption/);
  });

  it('accepts the same role over TLS verified against the stack’s certificate authority', () => {
    const tls = connectFromAppointmentService({ tls: true });
    assert.equal(tls.ok, true, tls.output);
    const session = JSON.parse(tls.output);
    assert.equal(session.ssl, true);
    assert.match(session.version, /^TLSv1\.[23]$/);
  });

  it('holds a certificate for the name "postgres" only: reached by its address, the client refuses it', () => {
    const byAddress = connectFromAppointmentService({ host: 'address', tls: true });
    assert.equal(byAddress.ok, false, `connected without checking the certificate's name: ${byAddress.output}`);
    assert.match(byAddress.output, /ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate/);
  });

  it('has every network session of Keycloak, the four services and the metrics exporter encrypted', async () => {
    // The exporter connects when Prometheus scrapes it.
    await waitFor(
      'the exporter’s session',
      () => psql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'postgres_exporter'")[0] !== '0',
    );
    const sessions = psql(
      "SELECT DISTINCT a.usename || ' ' || s.ssl FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.client_addr IS NOT NULL ORDER BY 1",
    );
    for (const role of ['appointment_service', 'doctor_service', 'keycloak', 'notification_service', 'postgres_exporter', 'user_service']) {
      assert.ok(sessions.includes(`${role} true`), `${role} is connected over TLS (sessions: ${sessions.join(', ')})`);
    }
    assert.deepEqual(
      sessions.filter((s) => !s.endsWith(' true')),
      [],
      'no session in plain text',
    );
  });
});

describe('no container of the stack runs as root', () => {
  it('runs every process of every container under a user other than root', () => {
    const containers = docker(['ps', '-q', '--filter', `label=com.docker.stack.namespace=${STACK}`])
      .split('\n')
      .filter(Boolean);
    const services = new Set<string>();
    for (const container of containers) {
      const service = docker(['inspect', '--format', '{{index .Config.Labels "com.docker.swarm.service.name"}}', container]).trim();
      services.add(service.replace(`${STACK}_`, ''));
      const user = docker(['inspect', '--format', '{{.Config.User}}', container]).trim();
      assert.ok(user !== '' && !/^(root|0)(:|$)/.test(user), `${service} is configured to run as "${user || 'root'}"`);
      // Each process as the host sees it: an entrypoint that started as root and dropped privileges later would show here too.
      const processes = docker(['top', container, '-eo', 'pid,uid,comm']).trim().split('\n').slice(1);
      assert.ok(processes.length > 0, `${service} has processes`);
      for (const line of processes) {
        const [, uid, command] = line.trim().split(/\s+/);
        assert.notEqual(uid, '0', `${service}: ${command} runs as root`);
      }
    }
    for (const service of [
      'postgres',
      'rabbitmq',
      'keycloak',
      'minio',
      'mailpit',
      'jaeger',
      'prometheus',
      'gateway',
      'appointment-service',
    ]) {
      assert.ok(services.has(service), `${service} was checked (${[...services].join(', ')})`);
    }
  });
});

describe('Jaeger and Prometheus in the stack', () => {
  it('scrapes every task of every job of the stack, and finds every service process and PostgreSQL, RabbitMQ, Keycloak and Jaeger up', async () => {
    const services = ['gateway', 'user-service', 'doctor-service', 'appointment-service', 'notification-service'];
    const infrastructure = ['postgres', 'rabbitmq', 'keycloak', 'jaeger'];
    const jobs = [...services, ...infrastructure];
    let targets: Array<{ labels: { job: string; instance: string }; health: string; lastError: string }> = [];
    const byJob = (job: string) => targets.filter((t) => t.labels.job === job);
    const readTargets = () => (targets = getFromGateway('http://prometheus:9090/api/v1/targets?state=active').data.activeTargets);
    await waitFor('the first scrape of PostgreSQL, RabbitMQ, Keycloak and Jaeger', () => {
      readTargets();
      return infrastructure.every((job) => byJob(job).length === 1 && byJob(job)[0]!.health === 'up');
    });
    // One target per task, found through tasks.<service> on monitoring-net.
    const expected: Record<string, number> = { 'appointment-service': 3, 'notification-service': 2 };
    for (const job of jobs) assert.equal(byJob(job).length, expected[job] ?? 1, `targets of ${job}`);
    // Each task's metrics listener answers: a target found but never scraped (health "unknown") or
    // failing ("down") is a replica the System page would show red. The stack scrapes every 15 s, so
    // a new target is up within a couple of intervals; this waits for eight at most.
    const notUp = () => services.flatMap((job) => byJob(job)).filter((target) => target.health !== 'up');
    const settled = () => notUp().length === 0 && services.every((job) => byJob(job).length === (expected[job] ?? 1));
    for (let attempt = 0; attempt < 60 && !settled(); attempt++) {
      await sleep(2_000);
      readTargets();
    }
    for (const job of services) assert.equal(byJob(job).length, expected[job] ?? 1, `targets of ${job}`);
    assert.deepEqual(
      notUp().map((target) => `${target.labels.job} ${target.labels.instance}: ${target.health} ${target.lastError}`),
      [],
      'every service process’s metrics target is up',
    );
    const query = (expression: string) =>
      getFromGateway(`http://prometheus:9090/api/v1/query?query=${encodeURIComponent(expression)}`).data.result as Json[];
    assert.equal(query('rabbitmq_build_info').length, 1, 'RabbitMQ’s own metrics are stored');
    assert.equal(query('pg_up')[0]?.value[1], '1', 'the exporter reaches PostgreSQL');
  });

  it('loads the alert rules file', () => {
    const rules = getFromGateway('http://prometheus:9090/api/v1/status/config');
    assert.match(rules.data.yaml, /\/etc\/prometheus\/alerts\.yml/);
    assert.equal(getFromGateway('http://prometheus:9090/api/v1/rules').status, 'success');
  });

  it('receives a span over OTLP from a service’s network and answers it through its query API', async () => {
    const service = `swarm-test-${randomUUID().slice(0, 8)}`;
    const traceId = randomBytes(16).toString('hex');
    const now = BigInt(Date.now()) * 1_000_000n;
    const span = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId,
                  spanId: randomBytes(8).toString('hex'),
                  name: 'swarm test span',
                  kind: 2,
                  startTimeUnixNano: String(now - 5_000_000n),
                  endTimeUnixNano: String(now),
                },
              ],
            },
          ],
        },
      ],
    };
    const sent = nodeIn(
      'appointment-service',
      `fetch('http://jaeger:4318/v1/traces', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(JSON.stringify(span))} })` +
        `.then((r) => { console.log(r.status); process.exit(r.ok ? 0 : 1); }, (e) => { console.log(String(e)); process.exit(1); })`,
    );
    assert.ok(sent.ok, `OTLP export from appointment-service: ${sent.output}`);
    await waitFor('the span in Jaeger', () => {
      const trace = getFromGateway(`http://jaeger:16686/api/traces/${traceId}`);
      return trace.data?.[0]?.spans?.some((s: Json) => s.operationName === 'swarm test span') === true;
    });
    assert.ok(getFromGateway('http://jaeger:16686/api/services').data.includes(service));
  });

  it('keeps both off the published port, and lets an operator’s container on admin-net reach them', async () => {
    // The gateway answers unknown paths with the web app's page: what matters is that no metrics,
    // targets or traces come back.
    for (const path of ['/metrics', '/api/v1/targets', '/api/v1/query?query=up', '/api/traces', '/api/services']) {
      const text = await (await fetch(`${PUBLIC_URL}${path}`)).text();
      assert.doesNotMatch(
        text,
        /^# (HELP|TYPE) |process_resident_memory_bytes|activeTargets|"resultType"|"traceID"/m,
        `${path} through the gateway`,
      );
    }
    // The README's way in: a container on admin-net (attachable), as for Keycloak's admin console.
    const image = process.env.CLINIC_IMAGE_GATEWAY ?? 'clinic/gateway:latest';
    const reach =
      "Promise.all(['http://prometheus:9090/-/ready', 'http://jaeger:16686/api/services'].map((u) => fetch(u).then((r) => r.status)))" +
      '.then((s) => console.log(s.join(" ")), (e) => { console.log(String(e)); process.exit(1); })';
    const statuses = docker(['run', '--rm', '--network', `${STACK}_admin-net`, '--entrypoint', 'node', image, '-e', reach]).trim();
    assert.equal(statuses, '200 200');
  });
});

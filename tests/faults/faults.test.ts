// The fault suite: for each dependency going away (broker, database, doctor-service, identity server,
// object store, gateway), a burst of bookings with Idempotency-Keys runs through the gateway while it
// happens, clients retrying retryable answers with the same key. Afterwards nothing is lost, nothing
// is booked twice, every request has a final answer, every accepted booking's CREATED event is
// relayed, and every service is ready again without being restarted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it, type TestContext } from 'node:test';
import { Client as MinioClient } from 'minio';
import { pauseServer, resumeServer } from '../../devstack/src/process.ts';
import { httpOk, tcpOpen } from '../../devstack/src/process.ts';
import { withAppointmentsDb } from '../support/booking.ts';
import { ALL_WEEK, createDoctor } from '../support/clinic.ts';
import { burstDuringFault, refreshTokens, servicesNotReady, unrelayedCreated, type BurstFigures } from '../support/faults.ts';
import { http, type Json } from '../support/http.ts';
import { createPatients, PASSWORD, passwordGrant, type TestUser } from '../support/identity.ts';
import { mailsTo, pauseMail, resumeMail } from '../support/mail.ts';
import { eventually } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const portOf = (url: string) => Number(new URL(url).port);

/** Each service process's pid file (pid and start time): a service started again has a new one. */
const serviceProcesses = () =>
  Object.fromEntries(
    Object.keys(testStack().services).map((name) => [name, readFileSync(join(testStack().stateDir, 'run', `${name}.pid`), 'utf8')]),
  );
const stateDir = () => testStack().stateDir;

/** Every fault's figures, printed together at the end for the README's reliability section. */
const table: Array<{ fault: string } & BurstFigures> = [];

describe('faults during a booking burst', () => {
  let doctorId: string;
  /** The SMTP fault's own doctor: the emails about its appointments are that burst's alone. */
  let mailedDoctor: { id: string; email: string };
  let patients: TestUser[];
  /** Logs in only after the PostgreSQL restart, to see when logins work again. */
  let spare: TestUser;

  before(async () => {
    ({
      doctor: { id: doctorId },
    } = await createDoctor({ schedule: ALL_WEEK }));
    const other = await createDoctor({ schedule: ALL_WEEK });
    mailedDoctor = { id: other.doctor.id, email: other.user.email };
    patients = await createPatients(49, 'fault');
    spare = patients.pop()!;
  });

  /** Runs the burst around `fault`, prints its figures and checks what must hold after every fault. */
  async function burst(
    t: TestContext,
    name: string,
    fault: (down: () => void) => Promise<void>,
    options: { doctor?: string; victim?: string } = {},
  ) {
    const doctor = options.doctor ?? doctorId;
    await refreshTokens(patients);
    const processesBefore = serviceProcesses();
    const { results, figures, statuses } = await burstDuringFault({ doctorId: doctor, patients, slotCount: 80, perSlot: 3, fault });
    table.push({ fault: name, ...figures });
    t.diagnostic(`${name}: ${JSON.stringify(figures)} answers seen: ${JSON.stringify(statuses)}`);
    assert.ok(figures.answeredBeforeFault < figures.attempted, 'the fault began with requests still to answer');
    assert.equal(figures.lost, 0, 'lost');
    assert.equal(figures.doubled, 0, 'doubled');
    assert.equal(figures.errors, 0, `answers other than final ones or retryable 503s: ${JSON.stringify(statuses)}`);
    assert.ok(
      results.every((r) => r.status === 201 || r.status === 409),
      'every request ended with 201 or 409',
    );
    // Each slot was asked for three times: exactly one booking each.
    assert.equal(figures.accepted, 80);
    const accepted = results.filter((r) => r.status === 201).map((r) => r.appointmentId!);
    await eventually('every accepted booking’s CREATED event is relayed', async () => (await unrelayedCreated(accepted)).length === 0);
    await eventually('every service is ready again', async () => (await servicesNotReady()).length === 0);
    // Ready again by themselves: no service but the fault's victim was started again.
    const processesAfter = serviceProcesses();
    const restarted = Object.keys(processesBefore).filter(
      (name) => name !== options.victim && processesBefore[name] !== processesAfter[name],
    );
    assert.deepEqual(restarted, [], 'services that died and were started again');
    return accepted;
  }

  it('RabbitMQ stopped and started again mid-burst', async (t) => {
    const amqpPort = portOf(testStack().amqpUrl);
    await burst(t, 'RabbitMQ stopped 5 s', async (down) => {
      await pauseServer(stateDir(), 'rabbitmq');
      down();
      await sleep(5_000);
      await resumeServer(stateDir(), 'rabbitmq', () => tcpOpen(amqpPort), 120_000);
    });
    // Fail fast: with the broker gone a booking answers a retryable 503 at once, never after waiting
    // out the booking timeout (15 s) for a broker that is not there.
    assert.ok(table.at(-1)!.slowestAnswerMs < 15_000, `slowest answer ${table.at(-1)!.slowestAnswerMs} ms`);
  });

  it('doctor-service killed and held down mid-burst', async (t) => {
    await burst(
      t,
      'doctor-service kill -9, down 5 s',
      async (down) => {
        await pauseServer(stateDir(), 'doctor-service', 'SIGKILL');
        down();
        await sleep(5_000);
        await resumeServer(stateDir(), 'doctor-service', () => httpOk(`${testStack().services['doctor-service']}/ready`));
      },
      { victim: 'doctor-service' },
    );
  });

  it('Keycloak down: issued tokens keep working, new logins get a clear 503, it recovers by itself', async (t) => {
    const { keycloak, gatewayUrl } = testStack();
    const login = () =>
      http(`${gatewayUrl}/auth/realms/${keycloak.realm}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        rawBody: new URLSearchParams({
          grant_type: 'password',
          client_id: 'clinic-cli',
          username: patients[0]!.email,
          password: PASSWORD,
        }).toString(),
      });
    let loginWhileDown: number | undefined;
    let profileWhileDown: number | undefined;
    await burst(t, 'Keycloak down (restart)', async (down) => {
      await pauseServer(stateDir(), 'keycloak');
      down();
      loginWhileDown = (await login()).status;
      profileWhileDown = (await http(`${gatewayUrl}/api/users/me`, { token: patients[1]!.token })).status;
      await sleep(3_000);
      await resumeServer(
        stateDir(),
        'keycloak',
        () => httpOk(`${keycloak.url}/realms/${keycloak.realm}/.well-known/openid-configuration`),
        300_000,
      );
    });
    assert.equal(loginWhileDown, 503, 'a login while Keycloak is down');
    assert.equal(profileWhileDown, 200, 'an issued token while Keycloak is down');
    await eventually('logins work again', async () => (await login()).status === 200);
  });

  it('MinIO down: bookings go on, the service stays ready (degraded), every PDF is made once it returns', async (t) => {
    const { minio, services } = testStack();
    let readyWhileDown: { status: number; body: Json } | undefined;
    const accepted = await burst(t, 'MinIO down 8 s', async (down) => {
      await pauseServer(stateDir(), 'minio');
      down();
      readyWhileDown = await http(`${services['appointment-service-1']}/ready`);
      await sleep(8_000);
      await resumeServer(stateDir(), 'minio', () => httpOk(`${minio.endpoint}/minio/health/ready`));
    });
    assert.equal(readyWhileDown?.status, 200, JSON.stringify(readyWhileDown?.body));
    assert.ok(readyWhileDown?.body.degraded?.documentStore, 'the document store is reported as degraded');
    const keys = await eventually(
      'every accepted booking has its PDF',
      async () => {
        const { rows } = await withAppointmentsDb((db) =>
          db.query<{ pdf_object_key: string | null }>('SELECT pdf_object_key FROM appointments WHERE id = ANY($1::uuid[])', [accepted]),
        );
        return rows.length === accepted.length && rows.every((r) => r.pdf_object_key) && rows.map((r) => r.pdf_object_key!);
      },
      120_000,
    );
    const url = new URL(minio.endpoint);
    const client = new MinioClient({
      endPoint: url.hostname,
      port: Number(url.port),
      useSSL: false,
      accessKey: minio.accessKey,
      secretKey: minio.secretKey,
    });
    for (const key of keys) assert.ok((await client.statObject('appointment-pdfs', key)).size > 0, key);
  });

  it('SMTP relay down mid-burst: every email is sent exactly once after it returns', async (t) => {
    await burst(
      t,
      'SMTP relay (Mailpit) down 5 s',
      async (down) => {
        await pauseMail();
        down();
        await sleep(5_000);
        await resumeMail();
      },
      { doctor: mailedDoctor.id },
    );
    // The doctor gets one email per new appointment in their calendar: 80, none twice.
    const newAppointmentMails = async () =>
      (await mailsTo(mailedDoctor.email)).filter((m) => /^Programare nouă în calendar/.test(m.Subject)).length;
    await eventually('the doctor has an email for each of the 80 bookings', async () => (await newAppointmentMails()) >= 80, 180_000);
    assert.equal(await newAppointmentMails(), 80);
  });

  it('gateway restarted mid-burst: in-flight requests fail cleanly, retries succeed', async (t) => {
    await burst(
      t,
      'gateway restarted',
      async (down) => {
        await pauseServer(stateDir(), 'gateway');
        down();
        await sleep(1_000);
        await resumeServer(stateDir(), 'gateway', () => httpOk(`${testStack().gatewayUrl}/ready`));
      },
      { victim: 'gateway' },
    );
  });

  // Last: Keycloak, whose database this is too, answers logins 500 for a while after the restart
  // (its pooled connections are dead); the other faults' token refreshes would meet that.
  it('PostgreSQL restarted mid-burst', async (t) => {
    const port = new URL(testStack().postgres.adminUrl).port;
    await burst(t, 'PostgreSQL restarted', async (down) => {
      await pauseServer(stateDir(), 'postgres');
      down();
      await sleep(1_000);
      await resumeServer(stateDir(), 'postgres', () => tcpOpen(Number(port)));
    });
    // A new login works again by itself. Tried every 3 s: quicker failed attempts of one user would
    // look like password guessing to Keycloak's brute force detection.
    const { keycloak } = testStack();
    const failedLogins: number[] = [];
    for (const deadline = Date.now() + 180_000; ; await sleep(3_000)) {
      const answer = await passwordGrant(spare.email, spare.password, keycloak.realm);
      if (answer.status === 200) break;
      failedLogins.push(answer.status);
      assert.ok(Date.now() < deadline, `logins still fail: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    t.diagnostic(`logins that failed after the restart before one worked (tried every 3 s): ${failedLogins.length}`);
    // Keycloak drops its dead pooled connections itself: no login meets one and answers 500.
    assert.deepEqual(
      failedLogins.filter((status) => status === 500),
      [],
      `login answers after the restart: ${failedLogins.join(', ')}`,
    );
  });

  it('prints the figures of every fault', (t) => {
    t.diagnostic('fault | attempted | accepted | rejected | lost | doubled | retries | slowest answer (ms)');
    for (const row of table) {
      t.diagnostic(
        `${row.fault} | ${row.attempted} | ${row.accepted} | ${row.rejected} | ${row.lost} | ${row.doubled} | ${row.retries} | ${row.slowestAnswerMs}`,
      );
    }
    assert.equal(table.length, 7);
  });
});

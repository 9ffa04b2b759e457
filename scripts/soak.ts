// `npm run soak`: starts a stack of its own (profile test-7 unless CLINIC_TEST_PROFILE says otherwise;
// PostgreSQL with fsync on and the platform's own timers, as in production), then for `--minutes`
// (20 by default) sends mixed traffic through the gateway from a modest pool of patients (free times
// read, bookings retried with their Idempotency-Key, reschedules, cancellations, their own lists,
// waitlist joins), with a fault every `--fault-every` seconds (120 by default), in turn: an
// appointment-service replica killed, RabbitMQ restarted, PostgreSQL restarted, the SMTP relay stopped,
// Keycloak stopped. Then it drains the backlog and reports: bookings lost (acknowledged, then missing
// or not as acknowledged) and doubled (overlapping active appointments in the database), the answers
// 5xx by request kind and by fault, emails missing or repeated (Mailpit against the notifications
// table), and each service process's memory at the start and the end (from its metrics, or /proc).
// It prints the report, saves it as JSON (.devstack/soak/result.json), asserts nothing, and is never
// part of `npm test` or `.ci/run`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '20' },
    'fault-every': { type: 'string', default: '120' },
    patients: { type: 'string', default: '60' },
    clients: { type: 'string', default: '8' },
  },
});
const MINUTES = Number(args.minutes);
const FAULT_EVERY_SECONDS = Number(args['fault-every']);
const PATIENTS = Number(args.patients);
const CLIENTS = Number(args.clients);
if (![MINUTES, FAULT_EVERY_SECONDS, PATIENTS, CLIENTS].every((n) => Number.isFinite(n) && n > 0) || CLIENTS >= PATIENTS) {
  throw new Error('--minutes, --fault-every, --patients and --clients must be positive numbers, fewer clients than patients');
}
const DOCTORS = 6;
/** Days ahead the clients book in: enough free times for 20 minutes of bookings. */
const DAYS = 60;
/**
 * Events a consumer could not handle during a fault (Keycloak down: no service token) are dead-lettered,
 * and notification-service's catch-up takes them up 100 a minute: the drain may take many minutes.
 */
const DRAIN_LIMIT_SECONDS = 1_800;
const RESULT_FILE = fileURLToPath(new URL('../.devstack/soak/result.json', import.meta.url));

process.env.CLINIC_TEST_PROFILE ??= 'test-7';
// Its patients each hold many appointments ahead: the per-patient cap is not what it checks.
process.env.CLINIC_MAX_FUTURE_APPOINTMENTS_PER_PATIENT ??= '1000000';
// The platform's durability and pace: every commit reaches the disk, periodic work at its own intervals.
process.env.CLINIC_POSTGRES_FSYNC = 'on';
process.env.CLINIC_PLATFORM_TIMERS = 'on';
// Mailpit keeps the newest 500 messages by default; every email is counted here.
process.env.MP_MAX_MESSAGES = '0';

const { provision, stackProfile, startInfra } = await import('@clinic/devstack');
const { startPlatform } = await import('../devstack/src/platform.ts');
const { stackFile, writeTestStack } = await import('../tests/support/stack.ts');
const { createPatients } = await import('../tests/support/identity.ts');
const { ALL_WEEK, createDoctor } = await import('../tests/support/clinic.ts');
const { soakTraffic } = await import('./soak/traffic.ts');
const { runFaults } = await import('./soak/faults.ts');
const { backlog, bookingVerdict, drain, emailVerdict, memory } = await import('./soak/checks.ts');

const log = (line: string) => process.stderr.write(`[soak] ${line}\n`);
const stackLog = (line: string) => process.stderr.write(`[stack] ${line}\n`);

const profile = stackProfile(process.env.CLINIC_TEST_PROFILE as Parameters<typeof stackProfile>[0]);
log(`starting a stack of real servers (profile ${profile.name}, PostgreSQL with fsync on)…`);
await provision(stackLog);
const infra = await startInfra(profile, { fresh: true, log: stackLog });
let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
const databases = {
  appointments: new pg.Pool({ connectionString: infra.postgres.roles.appointment_service.url, max: 2 }),
  notifications: new pg.Pool({ connectionString: infra.postgres.roles.notification_service.url, max: 2 }),
};
// A restarted PostgreSQL ends the pools' idle connections: the pools open new ones, the error is no news.
for (const pool of Object.values(databases)) pool.on('error', () => {});

const result: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  settings: { minutes: MINUTES, faultEverySeconds: FAULT_EVERY_SECONDS, patients: PATIENTS, clients: CLIENTS, doctors: DOCTORS },
  machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), loadAverageAtStart: loadavg() },
};
try {
  platform = await startPlatform(profile, infra, stackLog);
  writeTestStack(profile, infra, platform.urls);
  log(`creating ${DOCTORS} doctors and ${PATIENTS} patients…`);
  const doctorIds: string[] = [];
  for (let i = 0; i < DOCTORS; i++) doctorIds.push((await createDoctor({ schedule: ALL_WEEK })).doctor.id);
  const patients = await createPatients(PATIENTS, 'soak');
  result.memoryAtStartMb = await memory(platform.urls, profile.stateDir);

  let currentFault = 'before any fault';
  const traffic = soakTraffic({
    gateway: `http://127.0.0.1:${profile.ports.gateway}`,
    doctorIds,
    patients,
    clients: CLIENTS,
    days: DAYS,
    currentFault: () => currentFault,
  });
  const startedAt = Date.now();
  const until = startedAt + MINUTES * 60_000;
  log(`traffic for ${MINUTES} min, ${CLIENTS} clients, a fault every ${FAULT_EVERY_SECONDS} s…`);
  traffic.start();
  const renewal = setInterval(() => void traffic.renewTokens(), 30_000);
  const progress = setInterval(
    () => log(`  ${Math.round((Date.now() - startedAt) / 1000)} s: ${JSON.stringify(traffic.bookings)}`),
    60_000,
  );
  const rabbit = {
    managementUrl: infra.rabbitManagementUrl,
    authorization: `Basic ${Buffer.from(`${infra.rabbitUser}:${infra.rabbitPassword}`).toString('base64')}`,
  };
  let faults: Awaited<ReturnType<typeof runFaults>> | undefined;
  try {
    faults = await runFaults(
      {
        stateDir: profile.stateDir,
        services: platform.urls,
        amqpPort: Number(new URL(infra.amqpUrl).port),
        postgresPort: Number(new URL(infra.postgres.adminUrl).port),
        mailUrl: infra.mailUrl,
        keycloakReady: `${infra.keycloak.url}/realms/clinic/.well-known/openid-configuration`,
        renewTokens: () => traffic.renewTokens(Infinity),
      },
      { everySeconds: FAULT_EVERY_SECONDS, startedAt, until, onFault: (name) => (currentFault = name), log },
    );
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())));
  } finally {
    log('traffic ends; waiting for the requests under way…');
    await traffic.stop();
    clearInterval(renewal);
    clearInterval(progress);
  }
  const trafficSeconds = Math.round((Date.now() - startedAt) / 1000);
  log('draining the backlog…');
  const drained = await drain(() => backlog(databases, rabbit), DRAIN_LIMIT_SECONDS, log);
  Object.assign(result, {
    trafficSeconds,
    faults,
    drain: drained,
    bookingRequests: traffic.bookings,
    bookings: await bookingVerdict(databases.appointments, traffic.acknowledged, doctorIds),
    answers: traffic.answers,
    fiveXxByFault: traffic.fiveXxByFault,
    emails: await emailVerdict(databases, infra.mailUrl),
    memoryAtEndMb: await memory(platform.urls, profile.stateDir),
    loadAverageAtEnd: loadavg(),
  });
  const { printReport } = await import('./soak/report.ts');
  printReport(result);
  mkdirSync(dirname(RESULT_FILE), { recursive: true });
  writeFileSync(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nSaved to ${join('.devstack', 'soak', 'result.json')}`);
} finally {
  await Promise.all(Object.values(databases).map((pool) => pool.end().catch(() => {})));
  await platform?.stop();
  await infra.stop();
  rmSync(stackFile, { force: true });
}

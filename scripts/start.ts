// `npm start`: provisions what is missing, starts the infrastructure and every service of the
// platform on this machine, prints where everything is, and stops it all on Ctrl-C.
import { provision, stackProfile, startInfra } from '@clinic/devstack';
import { ensureWebAppBuilt } from '../apps/web/scripts/build.ts';
import { startPlatform } from '../devstack/src/platform.ts';
import { DEMO_DOCTOR_EMAILS, DEMO_DOCTOR_PASSWORD, DEMO_PATIENT, seedDemoClinic } from './seed-demo.ts';

const log = (line: string) => process.stdout.write(`  ${line}\n`);
const profile = stackProfile('dev');

process.stdout.write('Clinic Booking: starting (the first run downloads and builds Keycloak, MinIO, Mailpit and Jaeger)\n');
await provision(log);
// The gateway serves apps/web/dist: built on the first start, rebuilt only when the app's sources changed.
await ensureWebAppBuilt(log);
const infra = await startInfra(profile, { log });
let platform;
try {
  platform = await startPlatform(profile, infra, log);
} catch (error) {
  await infra.stop();
  throw error;
}

/** With CLINIC_POSTGRES_TLS=on, how a client (psql, a script) reaches the database that now speaks TLS only. */
const postgresTlsLine = (caFile: string | undefined) =>
  caFile
    ? `\n  PostgreSQL TLS       on (CLINIC_POSTGRES_TLS=on): 127.0.0.1:${profile.ports.postgres} over TLS only; ` +
      `clients verify it with sslmode=verify-full sslrootcert=${caFile}`
    : '';

const app = profile.publicUrl;
const { demoAdmin } = infra.keycloak;
// A failed seeding leaves a working, empty clinic: worth a warning, not a stop.
await seedDemoClinic(app, demoAdmin, infra.keycloak, log).catch((error: unknown) =>
  log(`demo clinic not seeded: ${error instanceof Error ? error.message : String(error)}`),
);
process.stdout.write(`
Clinic Booking is running.

  Web app              ${app}/
  API documentation    ${app}/api/docs
  Keycloak admin       ${infra.keycloak.url}/admin/   (loopback only; master realm: ${infra.keycloak.adminUser} / password in ${profile.stateDir}/secrets.json)
  RabbitMQ management  ${infra.rabbitManagementUrl}   (user ${infra.rabbitUser} / password in ${profile.stateDir}/secrets.json)
  MinIO console        ${infra.minio.consoleUrl}   (root user and password in ${profile.stateDir}/secrets.json)
  MinIO API            ${infra.minio.endpoint}
  Emails (Mailpit)     ${infra.mailUrl}/   (every email the platform sends; API ${infra.mailUrl}/api/v1/messages)
  Prometheus           ${infra.prometheusUrl}/api/v1/   (metrics HTTP API: targets, query, alerts; the figures on the web app's System page, /admin/system)
  Traces (Jaeger)      ${infra.jaegerUrl}/api/traces/<reqId>   (one trace per request, gateway to emails; a log line's reqId is its trace id)
  Logs                 ${profile.stateDir}/logs/${postgresTlsLine(infra.postgres.caFile)}

  Demo admin           ${demoAdmin.username} / ${demoAdmin.password}
  Demo patient         ${DEMO_PATIENT.username} / ${DEMO_PATIENT.password}
  Demo doctors         ${DEMO_DOCTOR_EMAILS.join(', ')} / ${DEMO_DOCTOR_PASSWORD}

Press Ctrl-C to stop everything.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nStopping…\n');
  await platform.stop();
  await infra.stop();
  process.stdout.write('Stopped.\n');
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
// The servers are detached children and signal handlers keep nothing alive: this timer is what waits for Ctrl-C.
setInterval(() => {}, 1 << 30);

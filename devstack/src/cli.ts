// devstack CLI:
//   node devstack/src/cli.ts provision               fetch/build Keycloak, MinIO, Mailpit, Prometheus (cached)
//   node devstack/src/cli.ts up <dev|test|test-N> [--fresh]  start the infrastructure, print endpoints, Ctrl-C stops it
//   node devstack/src/cli.ts down <dev|test|test-N>          kill what a crashed session left running
import { join } from 'node:path';
import { provision, stackProfile, startInfra, stopLeftovers, type ProfileName } from './index.ts';

const log = (line: string) => console.log(`[devstack] ${line}`);
const usage = 'usage: cli.ts provision | up <dev|test|test-N> [--fresh] | down <dev|test|test-N>';

function profileArg(arg: string | undefined) {
  if (!arg) throw new Error(usage);
  return stackProfile(arg as ProfileName);
}

async function up(profileName: string | undefined, fresh: boolean): Promise<void> {
  const profile = profileArg(profileName);
  // Our own handler: startInfra then leaves Ctrl-C to us (and aborts a start in progress).
  let infra: Awaited<ReturnType<typeof startInfra>> | undefined;
  let stopRequested = false;
  const onSignal = () => {
    if (stopRequested) return;
    stopRequested = true;
    if (infra) {
      log('stopping ...');
      void infra.stop().then(() => {
        clearInterval(keepAlive);
        log('stopped');
      });
    }
  };
  // The servers are detached children; this timer is what keeps us waiting for Ctrl-C.
  const keepAlive = setInterval(() => {}, 1 << 30);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const started = Date.now();
  try {
    infra = await startInfra(profile, { fresh, log });
  } catch (err) {
    clearInterval(keepAlive);
    throw err;
  }
  const { ports } = profile;
  // Secrets stay in secrets.json; only the demo admin's documented local credentials are shown.
  console.log(`
Infrastructure of profile "${profile.name}" is up (${((Date.now() - started) / 1000).toFixed(1)} s).
  PostgreSQL    127.0.0.1:${ports.postgres}  database "clinic", one role+schema per service${tlsNote(infra.postgres.caFile)}
  RabbitMQ      ${infra.amqpUrl.replace(/:[^:@/]+@/, ':***@')}  management ${infra.rabbitManagementUrl}
  Keycloak      ${infra.keycloak.url}  (issuer ${infra.keycloak.issuer})
                admin console ${infra.keycloak.url}/admin/  user ${infra.keycloak.adminUser}
                demo ADMIN of realm clinic: ${infra.keycloak.demoAdmin.username} / ${infra.keycloak.demoAdmin.password}
  MinIO         ${infra.minio.endpoint}  console ${infra.minio.consoleUrl}
  Mail (SMTP)   ${infra.smtp.host}:${infra.smtp.port}  web/API ${infra.mailUrl}
  Prometheus    ${infra.prometheusUrl}/api/v1/  (targets, query, alerts)
  Secrets       ${join(profile.stateDir, 'secrets.json')}
  Logs          ${join(profile.stateDir, 'logs')}
Press Ctrl-C to stop.`);
}

/** CLINIC_POSTGRES_TLS=on: TCP clients must use TLS, verifying the server against the stack's authority. */
const tlsNote = (caFile: string | undefined) =>
  caFile ? `\n                TLS only (CLINIC_POSTGRES_TLS=on): sslmode=verify-full sslrootcert=${caFile}` : '';

async function main(): Promise<void> {
  const [command, arg, ...rest] = process.argv.slice(2);
  if (command === 'provision') {
    const started = Date.now();
    await provision(log);
    log(`provisioned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else if (command === 'up') {
    await up(arg, rest.includes('--fresh'));
  } else if (command === 'down') {
    await stopLeftovers(profileArg(arg), log);
    log('nothing of this profile is running any more');
  } else {
    throw new Error(usage);
  }
}

main().catch((err: unknown) => {
  console.error(`[devstack] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});

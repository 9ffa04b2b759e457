// The platform's own services as local processes, wired to a started infrastructure the way the
// Docker stack wires them: configuration only through environment variables.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stripAhead } from '../../packages/service-kit/strip/strip-ahead.ts';
import type { Infra } from './index.ts';
import { httpOk, pauseFile, spawnManaged, waitReady, type Log, type ManagedProcess } from './process.ts';
import { appointmentReplicaCount, metricsPort, NOTIFICATION_REPLICAS, REPO_ROOT, type StackProfile } from './profile.ts';

export interface ServiceSpec {
  /** Process name, also its log file's name. */
  name: string;
  /** Folder under services/. */
  service: string;
  port: number;
  env: Record<string, string>;
}

export interface Platform {
  /** Base URL of each running service process, by process name. */
  urls: Record<string, string>;
  stop(): Promise<void>;
}

const local = (port: number) => `http://127.0.0.1:${port}`;

/**
 * V8's heap bounds for every service process, the same the images set (deploy/docker/service.Dockerfile).
 * Node 24 on a 64-bit machine otherwise gives the young generation 64 MB semi-spaces (128 MB of new
 * space, mostly resident once a service is busy) and the old generation a limit of several GB; a
 * service's live heap is a few tens of MB. 4 MB semi-spaces and a 128 MB old generation keep the
 * largest service near 190 MB resident after the benchmark's load (README, Benchmark); with 8 MB
 * semi-spaces it was 200 MB, give or take a few. `--expose-gc` lets a service that has been quiet for a
 * while after a burst give back what the burst left behind (packages/service-kit/src/memory-trim.ts).
 */
export const SERVICE_NODE_OPTIONS = '--max-old-space-size=128 --max-semi-space-size=4 --expose-gc';

/**
 * glibc's malloc arenas, also as the images set them: by default each thread that allocates (libuv's
 * pool doing the token checks' crypto, V8's helpers) may get an arena of its own, memory that stays
 * resident once touched; two are enough for a process whose JavaScript runs on one thread.
 */
export const SERVICE_MALLOC_ARENA_MAX = '2';

/**
 * The module hooks every service process is started with (`--import`), as in the images: they give it
 * its TypeScript modules stripped of their types ahead of time (packages/service-kit/strip), so that
 * Node's own stripper, about 18 MB of WebAssembly and its source, is never loaded into a service.
 */
export const STRIP_HOOKS = 'packages/service-kit/strip/hooks.mjs';

/** The variables of these names that are set in devstack's own environment: a clinic's name, address and logo. */
const fromEnvironment = (...names: string[]): Record<string, string> =>
  Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));

/**
 * Each process sends its spans to the stack's Jaeger under its service's name (replicas tell
 * themselves apart by REPLICA_NAME); CLINIC_TRACING=off starts them without tracing, and the standard
 * OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG, when set, are passed on.
 */
export function tracingEnvironment(spec: ServiceSpec, infra: Pick<Infra, 'otlpEndpoint'>): Record<string, string> {
  if (process.env.CLINIC_TRACING === 'off') return {};
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: infra.otlpEndpoint,
    OTEL_SERVICE_NAME: spec.service,
    ...fromEnvironment('OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG'),
  };
}

/**
 * A service's database settings, as the Swarm stack gives them: its role's URL, and when PostgreSQL
 * speaks TLS only the authority to verify it against (DATABASE_CA_FILE, read by the service's config),
 * with which the service connects over TLS and checks the server's certificate and name.
 */
export function databaseEnvironment(postgres: Infra['postgres'], role: keyof Infra['postgres']['roles']): Record<string, string> {
  if (!postgres.caFile) return { DATABASE_URL: postgres.roles[role].url };
  const url = new URL(postgres.roles[role].url);
  url.search = '';
  return { DATABASE_URL: url.toString(), DATABASE_CA_FILE: postgres.caFile };
}

/** Every service process of the platform with its environment; the gateway comes last. */
export function platformServices(profile: StackProfile, infra: Infra): ServiceSpec[] {
  const { ports } = profile;
  // Test stacks run their periodic work (completion, waitlist, catch-up) every second or so, for tests
  // to see it within seconds; the benchmark sets CLINIC_PLATFORM_TIMERS=on to run it as the platform does.
  const testTimers = profile.name !== 'dev' && process.env.CLINIC_PLATFORM_TIMERS !== 'on';
  const identity = {
    KEYCLOAK_URL: infra.keycloak.url,
    JWT_ISSUER: infra.keycloak.issuer,
    KEYCLOAK_CLIENT_ID: infra.keycloak.servicesClientId,
    KEYCLOAK_CLIENT_SECRET: infra.keycloak.servicesClientSecret,
  };
  const appointmentReplicas = Array.from({ length: appointmentReplicaCount() }, (_, i) => ({
    name: `appointment-service-${i + 1}`,
    url: local(ports.appointmentService + i),
    port: ports.appointmentService + i,
  }));
  // notification-service: two competing consumers, so one can die mid-send and the other finishes.
  const notificationReplicas = Array.from({ length: NOTIFICATION_REPLICAS }, (_, i) => i + 1).map((n) => ({
    name: `notification-service-${n}`,
    url: local(ports.notificationService + n - 1),
    port: ports.notificationService + n - 1,
  }));
  const specs: ServiceSpec[] = [
    {
      name: 'user-service',
      service: 'user-service',
      port: ports.userService,
      env: {
        ...identity,
        ...databaseEnvironment(infra.postgres, 'user_service'),
        AMQP_URL: infra.amqpUrl,
        // Asked only when a request needs it (a doctor leaving), so starting before it is fine.
        DOCTOR_SERVICE_URL: local(ports.doctorService),
        CLINIC_PUBLIC_URL: profile.publicUrl,
        // Asked only for a user's export, likewise.
        APPOINTMENT_SERVICE_URL: appointmentReplicas[0]!.url,
        NOTIFICATION_SERVICE_URL: notificationReplicas[0]!.url,
      },
    },
    {
      name: 'doctor-service',
      service: 'doctor-service',
      port: ports.doctorService,
      env: {
        ...identity,
        ...databaseEnvironment(infra.postgres, 'doctor_service'),
        AMQP_URL: infra.amqpUrl,
        USER_SERVICE_URL: local(ports.userService),
        // One replica's address locally; the swarm's service name balances over all of them.
        APPOINTMENT_SERVICE_URL: appointmentReplicas[0]!.url,
        // The clinic's defaults: an hour's notice and Romania's public holidays closed (the demo's). Tests
        // book times from "tomorrow" on whatever day they run, Christmas included: no notice, no buffer,
        // no holidays there; the rules' own tests set a doctor's notice and buffer, and add closed days.
        ...(profile.name === 'dev'
          ? { CLINIC_MIN_NOTICE_MINUTES: '60', CLINIC_BUFFER_MINUTES: '0', CLINIC_PUBLIC_HOLIDAYS: 'RO' }
          : { CLINIC_MIN_NOTICE_MINUTES: '0', CLINIC_BUFFER_MINUTES: '0', CLINIC_PUBLIC_HOLIDAYS: 'none' }),
      },
    },
    ...appointmentReplicas.map((replica) => ({
      name: replica.name,
      service: 'appointment-service',
      port: replica.port,
      env: {
        ...identity,
        ...databaseEnvironment(infra.postgres, 'appointment_service'),
        AMQP_URL: infra.amqpUrl,
        DOCTOR_SERVICE_URL: local(ports.doctorService),
        USER_SERVICE_URL: local(ports.userService),
        // Asked only for an appointment's timeline, so starting before it is fine.
        NOTIFICATION_SERVICE_URL: notificationReplicas[0]!.url,
        REPLICA_NAME: replica.name,
        CLINIC_PUBLIC_URL: profile.publicUrl,
        MINIO_ENDPOINT: infra.minio.endpoint,
        MINIO_ACCESS_KEY: infra.minio.accessKey,
        MINIO_SECRET_KEY: infra.minio.secretKey,
        APPOINTMENT_LINK_SECRET: infra.appointmentLinkSecret,
        // The PDFs' letterhead: the demo clinic's logo, shipped in the service's folder (and so in its image).
        CLINIC_LOGO_PATH: join(REPO_ROOT, 'services/appointment-service/assets/demo-clinic-logo.png'),
        ...fromEnvironment('CLINIC_NAME', 'CLINIC_ADDRESS', 'CLINIC_LOGO_PATH'),
        // Booking shards (1 = the single queue): CLINIC_BOOKING_SHARDS=4 runs the tests and the bench with 4.
        ...(process.env.CLINIC_BOOKING_SHARDS ? { BOOKING_SHARDS: process.env.CLINIC_BOOKING_SHARDS } : {}),
        // Tests watch past confirmed appointments become COMPLETED without waiting a minute.
        ...(testTimers ? { COMPLETION_INTERVAL_MS: '1000' } : {}),
        // Tests book from tomorrow on, and patients cancel them at any hour of the day: a 1 h cut-off
        // never stands in their way, while the cut-off's own tests move an appointment inside it.
        ...(profile.name === 'dev' ? {} : { PATIENT_CHANGE_CUTOFF_HOURS: '1' }),
        // Tests watch a waitlist hold lapse and pass on within seconds; long enough for a waiter to book meanwhile.
        ...(profile.name === 'dev' ? {} : { WAITLIST_HOLD_SECONDS: '10' }),
        // The authorization matrix books a dozen appointments ahead for its one owner; the bench many more for each
        // of its patients (CLINIC_MAX_FUTURE_APPOINTMENTS_PER_PATIENT). The cap's own test reads it from the rules.
        ...(profile.name === 'dev'
          ? {}
          : { MAX_FUTURE_APPOINTMENTS_PER_PATIENT: process.env.CLINIC_MAX_FUTURE_APPOINTMENTS_PER_PATIENT ?? '30' }),
        ...(testTimers ? { WAITLIST_INTERVAL_MS: '500' } : {}),
        // Tests mark a no-show on an appointment moved to have started 10 minutes ago; the grace period's
        // own test moves one inside it (it reads the grace from GET /appointments/rules).
        ...(profile.name === 'dev' ? {} : { NO_SHOW_GRACE_MINUTES: '5' }),
      },
    })),
    ...notificationReplicas.map((replica) => ({
      name: replica.name,
      service: 'notification-service',
      port: replica.port,
      env: {
        ...identity,
        ...databaseEnvironment(infra.postgres, 'notification_service'),
        AMQP_URL: infra.amqpUrl,
        USER_SERVICE_URL: local(ports.userService),
        APPOINTMENT_SERVICE_URL: appointmentReplicas[0]!.url,
        REPLICA_NAME: replica.name,
        SMTP_URL: `smtp://${infra.smtp.host}:${infra.smtp.port}`,
        APPOINTMENT_LINK_SECRET: infra.appointmentLinkSecret,
        CLINIC_PUBLIC_URL: profile.publicUrl,
        // The same clinic name as on the PDFs, when one is set.
        ...fromEnvironment('CLINIC_NAME'),
        // appointment-service's cut-off, so reminders say what a patient can still do.
        ...(profile.name === 'dev' ? {} : { PATIENT_CHANGE_CUTOFF_HOURS: '1' }),
        // Tests see retries, take-overs and catch-ups within seconds instead of minutes.
        ...(profile.name === 'dev'
          ? {}
          : {
              SEND_RETRY_BASE_MS: '500',
              SEND_RETRY_MAX_MS: '2000',
              SEND_MAX_ATTEMPTS: '100',
              SEND_LEASE_MS: '5000',
            }),
        ...(testTimers ? { CATCH_UP_INTERVAL_MS: '1000', EVENT_CATCH_UP_AGE_SECONDS: '10' } : {}),
      },
    })),
    {
      name: 'gateway',
      service: 'gateway',
      port: ports.gateway,
      env: {
        KEYCLOAK_URL: infra.keycloak.url,
        JWT_ISSUER: infra.keycloak.issuer,
        USER_SERVICE_URL: local(ports.userService),
        DOCTOR_SERVICE_URL: local(ports.doctorService),
        APPOINTMENT_SERVICE_URLS: appointmentReplicas.map((replica) => replica.url).join(','),
        NOTIFICATION_SERVICE_URLS: notificationReplicas.map((replica) => replica.url).join(','),
        REGISTER_RATE_LIMIT_PER_MINUTE: profile.name === 'dev' ? '10' : '10000',
        // Test profiles book in bursts from few users: limits there must never throttle a test.
        WRITE_RATE_LIMIT_PER_MINUTE: profile.name === 'dev' ? '120' : '1000000',
        PUBLIC_URL: profile.publicUrl,
        // Built by `npm start` and the test setup (apps/web/scripts/build.ts); a placeholder page until then.
        WEB_ROOT: join(REPO_ROOT, 'apps', 'web', 'dist'),
        // The System page's figures (GET /api/system/overview).
        PROMETHEUS_URL: infra.prometheusUrl,
        // One request's trace on the System page (GET /api/system/traces/{traceId}), from Jaeger's query API.
        JAEGER_QUERY_URL: infra.jaegerUrl,
      },
    },
  ];
  return specs.map((spec) => ({ ...spec, env: { ...tracingEnvironment(spec, infra), ...spec.env } }));
}

/**
 * Starts every service, each once ready before the next, and stops them in reverse order. A service
 * that dies on its own is started again after a second, as the swarm's restart policy would.
 */
export async function startPlatform(profile: StackProfile, infra: Infra, log: Log = () => {}): Promise<Platform> {
  const running = new Map<string, ManagedProcess>();
  const urls: Record<string, string> = {};
  let stopping = false;
  // The modules as they are now (a changed source gets a new file; an unchanged one is not stripped again).
  const strippedSources = join(profile.stateDir, 'stripped');
  stripAhead(strippedSources, [join(REPO_ROOT, 'packages'), join(REPO_ROOT, 'services')]);

  const launch = (spec: ServiceSpec, restart = false): ManagedProcess => {
    const proc = spawnManaged({
      name: spec.name,
      command: process.execPath,
      args: [join(REPO_ROOT, 'services', spec.service, 'src', 'main.ts')],
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(spec.port),
        // Prometheus text on a listener of its own, never on the port the gateway proxies to.
        METRICS_PORT: String(metricsPort(spec.port)),
        LOG_LEVEL: 'info',
        NODE_OPTIONS: `${SERVICE_NODE_OPTIONS} --import=${join(REPO_ROOT, STRIP_HOOKS)}`,
        CLINIC_STRIPPED_SOURCES: strippedSources,
        MALLOC_ARENA_MAX: SERVICE_MALLOC_ARENA_MAX,
        ...spec.env,
      },
      runDir: join(profile.stateDir, 'run'),
      logDir: join(profile.stateDir, 'logs'),
      appendLog: restart,
    });
    running.set(spec.name, proc);
    void proc.exited.then(() => {
      if (stopping || running.get(spec.name) !== proc) return;
      log(`${spec.name} exited unexpectedly; starting it again`);
      // A test holds a service down longer with pauseServer(): its pause file delays the restart.
      const relaunch = (): void => {
        if (stopping) return;
        if (existsSync(pauseFile(profile.stateDir, spec.name))) setTimeout(relaunch, 200);
        else launch(spec, true);
      };
      setTimeout(relaunch, 1_000);
    });
    return proc;
  };

  const stop = async () => {
    stopping = true;
    for (const proc of [...running.values()].reverse()) await proc.stop(15_000);
  };
  try {
    for (const spec of platformServices(profile, infra)) {
      const proc = launch(spec);
      urls[spec.name] = local(spec.port);
      await waitReady({ name: spec.name, proc, timeoutMs: 60_000, log, ready: () => httpOk(`${local(spec.port)}/ready`) });
      log(`${spec.name} ready on ${local(spec.port)}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, stop };
}

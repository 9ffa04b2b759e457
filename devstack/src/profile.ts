// Profiles: which ports and which state directory a stack uses, and its generated secrets.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `dev` for `npm start`, `test` for `npm test`; `test-1`…`test-8` are further test stacks that can run beside them. */
export type ProfileName = 'dev' | 'test' | `test-${number}`;

export type ServiceSchema = 'user_service' | 'doctor_service' | 'appointment_service' | 'notification_service';
export const SERVICE_SCHEMAS: readonly ServiceSchema[] = ['user_service', 'doctor_service', 'appointment_service', 'notification_service'];

/** Every port a stack listens on, all on 127.0.0.1. */
export interface StackPorts {
  gateway: number;
  userService: number;
  doctorService: number;
  notificationService: number;
  /** First appointment-service replica; replica i (0-based) listens on appointmentService + i. */
  appointmentService: number;
  postgres: number;
  amqp: number;
  rabbitMgmt: number;
  rabbitDist: number;
  epmd: number;
  keycloak: number;
  keycloakMgmt: number;
  minio: number;
  minioConsole: number;
  smtp: number;
  /** Mailpit web UI and REST API. */
  mail: number;
  /** Jaeger's UI and query API. */
  jaegerUi: number;
  /** Jaeger's OTLP receivers (HTTP, gRPC) and its own telemetry port. */
  otlpHttp: number;
  otlpGrpc: number;
  jaegerInternal: number;
  prometheus: number;
  /** RabbitMQ's Prometheus plugin. */
  rabbitPrometheus: number;
  postgresExporter: number;
}

/**
 * Where a service process serves its Prometheus metrics: its HTTP port + 40, a listener of its own so
 * that the gateway's public port never answers them (8080 → 8120, 8111 → 8151).
 */
export const metricsPort = (httpPort: number): number => httpPort + 40;

/** appointment-service is the replicated component: 3 replicas unless CLINIC_APPOINTMENT_REPLICAS says otherwise. */
export const appointmentReplicaCount = (): number => Number(process.env.CLINIC_APPOINTMENT_REPLICAS ?? 3);

/** notification-service runs two competing consumers, so one can die mid-send and the other finishes. */
export const NOTIFICATION_REPLICAS = 2;

/** A service process of the platform: its Prometheus job (the service's name), process name and HTTP port. */
export interface ServiceProcess {
  job: string;
  name: string;
  port: number;
}

/** Every service process the platform starts locally, with the port it listens on (its metrics: metricsPort(port)). */
export function serviceProcesses(ports: StackPorts): ServiceProcess[] {
  const single = (job: string, port: number) => ({ job, name: job, port });
  return [
    single('user-service', ports.userService),
    single('doctor-service', ports.doctorService),
    ...Array.from({ length: appointmentReplicaCount() }, (_, i) => ({
      job: 'appointment-service',
      name: `appointment-service-${i + 1}`,
      port: ports.appointmentService + i,
    })),
    ...Array.from({ length: NOTIFICATION_REPLICAS }, (_, i) => ({
      job: 'notification-service',
      name: `notification-service-${i + 1}`,
      port: ports.notificationService + i,
    })),
    single('gateway', ports.gateway),
  ];
}

export interface StackProfile {
  name: string;
  stateDir: string;
  ports: StackPorts;
  /** The gateway's origin, as browsers see it: http://localhost:<gateway>. */
  publicUrl: string;
}

const DEV_PORTS: StackPorts = {
  gateway: 8080,
  userService: 8101,
  doctorService: 8102,
  notificationService: 8103,
  appointmentService: 8111,
  postgres: 8201,
  amqp: 8202,
  rabbitMgmt: 8203,
  rabbitDist: 8204,
  epmd: 8205,
  keycloak: 8206,
  keycloakMgmt: 8207,
  minio: 8208,
  minioConsole: 8209,
  smtp: 8210,
  mail: 8211,
  jaegerUi: 8212,
  otlpHttp: 8213,
  otlpGrpc: 8214,
  jaegerInternal: 8215,
  prometheus: 8216,
  rabbitPrometheus: 8217,
  postgresExporter: 8218,
};

/** Root of the repository (devstack/src/ -> ../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function stackProfile(name: ProfileName): StackProfile {
  const extra = /^test-([1-8])$/.exec(name);
  if (name !== 'dev' && name !== 'test' && !extra) throw new Error(`unknown profile "${String(name)}" (dev, test or test-1…test-8)`);
  // Each profile shifts every port so that stacks can run side by side: test by 1000, test-N by
  // 10000 + 200·N (10080, which a 1000 step would reach, is a port fetch refuses to call).
  const offset = name === 'dev' ? 0 : extra ? 10_000 + 200 * Number(extra[1]) : 1000;
  const ports = Object.fromEntries(Object.entries(DEV_PORTS).map(([key, port]) => [key, port + offset])) as unknown as StackPorts;
  return {
    name,
    stateDir: join(REPO_ROOT, '.devstack', name),
    ports,
    publicUrl: `http://localhost:${ports.gateway}`,
  };
}

export interface Secrets {
  postgresSuperuser: string;
  /** One password per database role: the service roles and "keycloak". */
  roles: Record<ServiceSchema | 'keycloak', string>;
  rabbit: string;
  keycloakAdmin: string;
  servicesClientSecret: string;
  minioAccessKey: string;
  minioSecretKey: string;
  /** Signs the links in appointment emails (notification-service signs, appointment-service verifies). */
  appointmentLinkSecret: string;
}

// URL- and config-file-safe random strings, so no escaping is ever needed.
const random = (bytes = 18) => randomBytes(bytes).toString('base64url');

function generateSecrets(): Secrets {
  return {
    postgresSuperuser: random(),
    roles: {
      user_service: random(),
      doctor_service: random(),
      appointment_service: random(),
      notification_service: random(),
      keycloak: random(),
    },
    rabbit: random(),
    keycloakAdmin: random(),
    servicesClientSecret: random(24),
    minioAccessKey: `clinic-${randomBytes(6).toString('hex')}`,
    minioSecretKey: random(24),
    appointmentLinkSecret: random(32),
  };
}

/**
 * The profile's secrets, generated on first use and kept in <stateDir>/secrets.json (mode 600).
 * Keys missing from an older file are filled in, existing ones never change: the data
 * directories were initialised with them.
 */
export function loadSecrets(profile: StackProfile): Secrets {
  const file = join(profile.stateDir, 'secrets.json');
  const fresh = generateSecrets();
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
  const secrets: Secrets = { ...fresh, ...stored, roles: { ...fresh.roles, ...stored.roles } };
  if (JSON.stringify(secrets) !== JSON.stringify(stored)) {
    mkdirSync(profile.stateDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return secrets;
}

/** Fixed, documented local credentials of the demo ADMIN user of realm "clinic". */
export function demoAdmin(): { username: string; password: string } {
  return { username: 'admin@clinic.local', password: process.env.CLINIC_DEMO_ADMIN_PASSWORD || 'ClinicAdmin!2026' };
}

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Infra, StackProfile } from '@clinic/devstack';

/** What the global setup started for the tests, as written to `.devstack/<profile>/stack.json`. */
export interface TestStack {
  gatewayUrl: string;
  services: Record<string, string>;
  keycloak: {
    url: string;
    issuer: string;
    realm: string;
    adminUser: string;
    adminPassword: string;
    servicesClientId: string;
    servicesClientSecret: string;
    demoAdmin: { username: string; password: string };
  };
  /** With CLINIC_POSTGRES_TLS=on every URL asks for verified TLS (sslmode=verify-full, sslrootcert=caFile). */
  postgres: { adminUrl: string; roles: Record<string, { user: string; password: string; url: string }>; caFile?: string };
  amqpUrl: string;
  rabbitManagementUrl: string;
  rabbit: { user: string; password: string };
  /** The stack's state folder: logs, pid files. */
  stateDir: string;
  mailUrl: string;
  smtp: { host: string; port: number };
  minio: { endpoint: string; accessKey: string; secretKey: string };
  /** The stack's Prometheus (HTTP API under /api/v1). */
  prometheusUrl: string;
  /** Jaeger's UI and query API (/api/traces/<trace id>). */
  jaegerUrl: string;
}

/** `CLINIC_TEST_PROFILE` (default `test`) picks the stack, so several test runs can go on at once. */
export const stackFile = fileURLToPath(new URL(`../../.devstack/${process.env.CLINIC_TEST_PROFILE ?? 'test'}/stack.json`, import.meta.url));

let cached: TestStack | undefined;
export function testStack(): TestStack {
  cached ??= JSON.parse(readFileSync(stackFile, 'utf8')) as TestStack;
  return cached;
}

/** Writes what a started stack is, for the tests' helpers (and the bench, which uses them too). */
export function writeTestStack(profile: StackProfile, infra: Infra, services: Record<string, string>): void {
  const stack: TestStack = {
    gatewayUrl: `http://localhost:${profile.ports.gateway}`,
    services,
    keycloak: { ...infra.keycloak, realm: 'clinic' },
    postgres: infra.postgres,
    amqpUrl: infra.amqpUrl,
    rabbitManagementUrl: infra.rabbitManagementUrl,
    rabbit: { user: infra.rabbitUser, password: infra.rabbitPassword },
    stateDir: profile.stateDir,
    mailUrl: infra.mailUrl,
    smtp: infra.smtp,
    minio: infra.minio,
    prometheusUrl: infra.prometheusUrl,
    jaegerUrl: infra.jaegerUrl,
  };
  mkdirSync(dirname(stackFile), { recursive: true });
  writeFileSync(stackFile, JSON.stringify(stack, null, 2), { mode: 0o600 });
}

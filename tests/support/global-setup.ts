// Starts, once for the whole test run, a fresh stack of real servers (test profile: its own ports
// and data, apart from `npm start`) and every service as its own process; stops it all afterwards.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { provision, stackProfile, startInfra, type Infra, type ProfileName } from '@clinic/devstack';
import { ensureWebAppBuilt } from '../../apps/web/scripts/build.ts';
import { startPlatform, type Platform } from '../../devstack/src/platform.ts';
import { stackFile, type TestStack } from './stack.ts';

let infra: Infra | undefined;
let platform: Platform | undefined;

const log = (line: string) => process.stderr.write(`[stack] ${line}\n`);

export async function globalSetup() {
  const profile = stackProfile((process.env.CLINIC_TEST_PROFILE ?? 'test') as ProfileName);
  await provision(log);
  // The browser tests use the app the gateway serves from apps/web/dist; it must be built before the gateway starts.
  await ensureWebAppBuilt(log);
  infra = await startInfra(profile, { fresh: true, log });
  try {
    platform = await startPlatform(profile, infra, log);
  } catch (error) {
    // Node does not run the teardown when the setup fails: leave nothing running.
    await infra.stop();
    throw error;
  }
  const stack: TestStack = {
    gatewayUrl: `http://localhost:${profile.ports.gateway}`,
    services: platform.urls,
    keycloak: { ...infra.keycloak, realm: 'clinic' },
    postgres: infra.postgres,
    amqpUrl: infra.amqpUrl,
    rabbitManagementUrl: infra.rabbitManagementUrl,
    rabbit: { user: infra.rabbitUser, password: infra.rabbitPassword },
    stateDir: profile.stateDir,
    mailUrl: infra.mailUrl,
    smtp: infra.smtp,
    minio: infra.minio,
  };
  mkdirSync(dirname(stackFile), { recursive: true });
  writeFileSync(stackFile, JSON.stringify(stack, null, 2), { mode: 0o600 });
}

export async function globalTeardown() {
  await platform?.stop();
  await infra?.stop();
  rmSync(stackFile, { force: true });
}

// Starts, once for the whole test run, a fresh stack of real servers (test profile: its own ports
// and data, apart from `npm start`) and every service as its own process; stops it all afterwards.
import { rmSync } from 'node:fs';
import { provision, stackProfile, startInfra, type Infra, type ProfileName } from '@clinic/devstack';
import { ensureWebAppBuilt } from '../../apps/web/scripts/build.ts';
import { startPlatform, type Platform } from '../../devstack/src/platform.ts';
import { stackFile, writeTestStack } from './stack.ts';

let infra: Infra | undefined;
let platform: Platform | undefined;

const log = (line: string) => process.stderr.write(`[stack] ${line}\n`);

export async function globalSetup() {
  const profile = stackProfile((process.env.CLINIC_TEST_PROFILE ?? 'test') as ProfileName);
  await provision(log, { forTests: true });
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
  writeTestStack(profile, infra, platform.urls);
}

export async function globalTeardown() {
  await platform?.stop();
  await infra?.stop();
  rmSync(stackFile, { force: true });
}

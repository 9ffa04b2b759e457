// The platform's own services as local processes, wired to a started infrastructure the way the
// Docker stack wires them: configuration only through environment variables.
import { join } from 'node:path';
import type { Infra } from './index.ts';
import { httpOk, spawnManaged, waitReady, type Log, type ManagedProcess } from './process.ts';
import { REPO_ROOT, type StackProfile } from './profile.ts';

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

/** Every service process of the platform with its environment; the gateway comes last. */
export function platformServices(profile: StackProfile, infra: Infra): ServiceSpec[] {
  const { ports } = profile;
  const identity = {
    KEYCLOAK_URL: infra.keycloak.url,
    JWT_ISSUER: infra.keycloak.issuer,
    KEYCLOAK_CLIENT_ID: infra.keycloak.servicesClientId,
    KEYCLOAK_CLIENT_SECRET: infra.keycloak.servicesClientSecret,
  };
  return [
    {
      name: 'user-service',
      service: 'user-service',
      port: ports.userService,
      env: { ...identity, DATABASE_URL: infra.postgres.roles.user_service.url },
    },
    {
      name: 'gateway',
      service: 'gateway',
      port: ports.gateway,
      env: {
        KEYCLOAK_URL: infra.keycloak.url,
        USER_SERVICE_URL: local(ports.userService),
        REGISTER_RATE_LIMIT_PER_MINUTE: profile.name === 'dev' ? '10' : '10000',
      },
    },
  ];
}

/** Starts every service, each once ready before the next; stops them in reverse order. */
export async function startPlatform(profile: StackProfile, infra: Infra, log: Log = () => {}): Promise<Platform> {
  const started: ManagedProcess[] = [];
  const urls: Record<string, string> = {};
  const stop = async () => {
    for (const proc of [...started].reverse()) await proc.stop(15_000);
  };
  try {
    for (const spec of platformServices(profile, infra)) {
      const proc = spawnManaged({
        name: spec.name,
        command: process.execPath,
        args: [join(REPO_ROOT, 'services', spec.service, 'src', 'main.ts')],
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(spec.port), LOG_LEVEL: 'info', ...spec.env },
        runDir: join(profile.stateDir, 'run'),
        logDir: join(profile.stateDir, 'logs'),
      });
      started.push(proc);
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

// What every server module receives to start, and what it hands back.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Log, ManagedProcess, SpawnOptions } from './process.ts';
import { spawnManaged } from './process.ts';
import type { Secrets, StackProfile } from './profile.ts';
import type { Toolchain } from './provision.ts';

export interface StartContext {
  profile: StackProfile;
  secrets: Secrets;
  tools: Toolchain;
  /** Wipe this server's data before starting. */
  fresh: boolean;
  log: Log;
  /** Aborted when the caller is interrupted during start-up. */
  signal: AbortSignal;
}

export interface Started<T> {
  name: string;
  info: T;
  /** Stops the server's processes; only ever called once. */
  stop(): Promise<void>;
}

/** <stateDir>/<name>, created; wiped first when `wipe` is set. */
export function serverDir(ctx: StartContext, name: string, wipe = false): string {
  const dir = join(ctx.profile.stateDir, name);
  if (wipe) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function spawnServer(ctx: StartContext, opts: Omit<SpawnOptions, 'runDir' | 'logDir'>): ManagedProcess {
  return spawnManaged({
    ...opts,
    runDir: join(ctx.profile.stateDir, 'run'),
    logDir: join(ctx.profile.stateDir, 'logs'),
  });
}

/**
 * Runs a server's start-up; if any step fails (or is interrupted), the processes it had
 * already spawned are stopped before the error propagates.
 */
export async function startOrCleanUp<T>(procs: ManagedProcess[], body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    for (const proc of [...procs].reverse()) await proc.stop().catch(() => {});
    throw err;
  }
}

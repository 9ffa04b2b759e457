// What every server module receives to start, and what it hands back; and the supervision that
// starts a server again when it dies, unless a test has paused it (see pauseServer in process.ts).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Log, ManagedProcess, SpawnOptions } from './process.ts';
import { pauseFile, spawnManaged } from './process.ts';
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

export interface Supervised {
  /** The server's process of the moment (a new one after each restart). */
  current(): ManagedProcess;
  /** Stops supervising, then stops the current process (`stopCurrent`, or its plain stop()). */
  stop(stopCurrent?: (proc: ManagedProcess) => Promise<void>): Promise<void>;
}

/**
 * Keeps a started server running: when its process exits (crash, or a test's pauseServer), it is
 * spawned again (`respawn`, appending to its log), once the profile's pause file for it is gone.
 * The pause file is removed at start and at stop, so a stack never starts paused.
 */
export function supervise(ctx: StartContext, name: string, first: ManagedProcess, respawn: () => ManagedProcess): Supervised {
  const paused = pauseFile(ctx.profile.stateDir, name);
  let proc = first;
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      await proc.exited;
      while (!stopping && existsSync(paused)) await sleep(200);
      if (stopping) return;
      ctx.log(`${name}: starting it again`);
      proc = respawn();
    }
  })();
  return {
    current: () => proc,
    async stop(stopCurrent) {
      stopping = true;
      await (stopCurrent ? stopCurrent(proc) : proc.stop());
      await loop;
      rmSync(paused, { force: true });
    },
  };
}

/** Removes a pause file left by an earlier session, so that the server starts supervised as usual. */
export function clearPause(ctx: StartContext, name: string): void {
  rmSync(pauseFile(ctx.profile.stateDir, name), { force: true });
}

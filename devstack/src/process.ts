// Shared helpers: long-running children in their own process groups with pid files,
// readiness polling, one-shot commands, port checks.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  fchmodSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export type Log = (line: string) => void;

export interface ManagedProcess {
  name: string;
  pid: number;
  logFile: string;
  /** Resolves when the main process has exited. */
  exited: Promise<void>;
  running(): boolean;
  /** Signals the whole process group, waits, escalates to SIGKILL; resolves once nothing of the group is left. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Directory of pid files and directory of log files, both under the profile's stateDir. */
  runDir: string;
  logDir: string;
  /** Append to the log instead of starting it anew (a restarted process keeps its predecessor's log). */
  appendLog?: boolean;
  /** The signal that makes this server shut down cleanly (postgres: SIGINT = "fast" shutdown). */
  stopSignal?: NodeJS.Signals;
}

interface PidFile {
  pid: number;
  startTime: number;
  stopSignal: NodeJS.Signals;
}

const live = new Set<{ pid: number; stopSignal: NodeJS.Signals }>();
let exitHookInstalled = false;

/**
 * If the caller's process exits without calling stop() (process.exit, uncaught exception),
 * ask every group we started to shut down. This can only be synchronous, so we cannot wait,
 * but each server completes a clean shutdown on its own.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const { pid, stopSignal } of live) trySignal(pid, stopSignal);
  });
}

/**
 * Starts a server as a detached child (its own process group), output to <logDir>/<name>.log. Logs
 * name the people who used the platform: the directory and the files are the owner's alone (0700,
 * 0600), also those an earlier version left readable by everyone.
 */
export function spawnManaged(opts: SpawnOptions): ManagedProcess {
  mkdirSync(opts.runDir, { recursive: true });
  mkdirSync(opts.logDir, { recursive: true, mode: 0o700 });
  chmodSync(opts.logDir, 0o700);
  const logFile = join(opts.logDir, `${opts.name}.log`);
  const pidFile = join(opts.runDir, `${opts.name}.pid`);
  const stopSignal = opts.stopSignal ?? 'SIGTERM';
  const fd = openSync(logFile, opts.appendLog ? 'a' : 'w', 0o600);
  fchmodSync(fd, 0o600);
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    uid: opts.uid,
    gid: opts.gid,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  // The caller decides how long it lives; stop() or the exit hook clean up.
  child.unref();

  let running = true;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (err) => {
      spawnError = err;
      running = false;
      resolve();
    });
    child.once('exit', () => {
      running = false;
      resolve();
    });
  });
  if (child.pid === undefined) {
    // spawn failed synchronously (e.g. ENOENT); 'error' follows on the next tick.
    return {
      name: opts.name,
      pid: -1,
      logFile,
      exited,
      running: () => false,
      stop: async () => {
        await exited;
        if (spawnError) throw spawnError;
      },
    };
  }
  const pid = child.pid;
  const entry = { pid, stopSignal };
  live.add(entry);
  installExitHook();
  const startTime = processStartTime(pid);
  if (startTime !== undefined) {
    writeFileSync(pidFile, JSON.stringify({ pid, startTime, stopSignal } satisfies PidFile));
  }
  void exited.then(() => live.delete(entry));

  let stopping: Promise<void> | undefined;
  return {
    name: opts.name,
    pid,
    logFile,
    exited,
    running: () => running,
    stop(timeoutMs = 20_000) {
      stopping ??= (async () => {
        child.ref(); // until its exit is seen, or an otherwise idle caller would quit mid-stop
        if (startTime !== undefined) await killGroup(pid, startTime, stopSignal, timeoutMs);
        await exited;
        live.delete(entry);
        rmSync(pidFile, { force: true });
      })();
      return stopping;
    },
  };
}

/**
 * Kills whatever the pid files of a previous session name (a crashed or killed caller),
 * in reverse start order. A pid is only trusted if its start time still matches.
 */
export async function killLeftovers(runDir: string, order: readonly string[], log?: Log): Promise<void> {
  let files: string[];
  try {
    files = readdirSync(runDir).filter((f) => f.endsWith('.pid'));
  } catch {
    return;
  }
  const rank = (f: string) => {
    const i = order.indexOf(f.slice(0, -4));
    return i < 0 ? order.length : i;
  };
  files.sort((a, b) => rank(a) - rank(b));
  for (const file of files) {
    const path = join(runDir, file);
    try {
      const { pid, startTime, stopSignal } = JSON.parse(readFileSync(path, 'utf8')) as PidFile;
      if (groupMembers(pid, startTime).length > 0) {
        log?.(`stopping leftover ${file.slice(0, -4)} (pid ${pid}) of an earlier session`);
        await killGroup(pid, startTime, stopSignal, 20_000);
      }
    } catch {
      // unreadable pid file: nothing we can safely kill
    }
    rmSync(path, { force: true });
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // group already gone
  }
}

/**
 * Asks the group leader (the server itself) to shut down with `signal`, waits up to timeoutMs
 * for the whole group to be gone, then SIGKILLs what is left. Only the leader is signalled at
 * first: signalling helpers such as erl_child_setup makes the Erlang VM abort instead of
 * stopping cleanly. Membership is read from /proc, so children that outlive the leader count.
 */
async function killGroup(pgid: number, leaderStart: number, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  if (readStat(pgid)?.startTime === leaderStart) trySignal(pgid, signal);
  else signalGroup(pgid, signal); // leader already gone: its orphans get the signal
  while (groupMembers(pgid, leaderStart).length > 0 && Date.now() < deadline) await sleep(100);
  for (const pid of groupMembers(pgid, leaderStart)) trySignal(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (groupMembers(pgid, leaderStart).length > 0 && Date.now() < killDeadline) await sleep(100);
}

function trySignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

interface ProcStat {
  state: string;
  pgrp: number;
  startTime: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp ..." - comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', pgrp: Number(fields[2]), startTime: Number(fields[19]) };
  } catch {
    return undefined;
  }
}

export function processStartTime(pid: number): number | undefined {
  return readStat(pid)?.startTime;
}

/** True if `pid` still is the process that started at `startTime` (pids get reused). */
export function processAlive(pid: number, startTime: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.startTime === startTime && stat.state !== 'Z';
}

/** Live (non-zombie) processes of group `pgid` that started no earlier than its leader did. */
function groupMembers(pgid: number, leaderStart: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.pgrp === pgid && stat.startTime >= leaderStart && stat.state !== 'Z') members.push(Number(entry));
  }
  return members;
}

/** Last `lines` lines of a log file, for error messages. */
export function logTail(file: string, lines = 25): string {
  try {
    const text = readFileSync(file, 'utf8').trimEnd();
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface WaitOptions {
  name: string;
  /** Resolves true once the server is ready; errors count as "not yet". */
  ready: () => Promise<boolean>;
  proc: ManagedProcess;
  timeoutMs: number;
  log?: Log;
  /** Print "still starting" every this many ms (long starts only). */
  progressEveryMs?: number;
  signal?: AbortSignal;
}

/** Polls until ready; fails early if the process dies, with the end of its log in the error. */
export async function waitReady(opts: WaitOptions): Promise<void> {
  const started = Date.now();
  let nextProgress = started + (opts.progressEveryMs ?? Infinity);
  for (;;) {
    if (opts.signal?.aborted) throw new Error(`${opts.name}: start interrupted`);
    if (await opts.ready().catch(() => false)) return;
    const elapsed = Date.now() - started;
    if (!opts.proc.running()) {
      throw new Error(`${opts.name} exited during start-up; end of ${opts.proc.logFile}:\n${logTail(opts.proc.logFile)}`);
    }
    if (elapsed > opts.timeoutMs) {
      throw new Error(
        `${opts.name} not ready after ${Math.round(elapsed / 1000)} s; end of ${opts.proc.logFile}:\n${logTail(opts.proc.logFile)}`,
      );
    }
    if (Date.now() >= nextProgress) {
      opts.log?.(`${opts.name}: still starting (${Math.round(elapsed / 1000)} s)`);
      nextProgress += opts.progressEveryMs ?? Infinity;
    }
    await sleep(250);
  }
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
  input?: string;
  timeoutMs?: number;
}

/** Runs a command to completion; rejects with its output if it fails. */
export function run(command: string, args: string[], opts: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      uid: opts.uid,
      gid: opts.gid,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs,
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output.trimEnd()}`));
    });
    if (child.stdin) {
      child.stdin.once('error', () => {}); // a command that exits without reading its input: its exit code tells
      child.stdin.end(opts.input);
    }
  });
}

/** True if an HTTP GET answers 2xx. */
export async function httpOk(url: string, init: RequestInit = {}): Promise<boolean> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(3_000) });
  await res.body?.cancel();
  return res.ok;
}

/** True if something accepts TCP connections on 127.0.0.1:port. */
export function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Fails with one clear message naming every port that something else already uses. */
export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  const busy: string[] = [];
  for (const [name, port] of Object.entries(ports)) if (!(await portFree(port))) busy.push(`${port} (${name})`);
  if (busy.length > 0) throw new Error(`port(s) already in use by another program: ${busy.join(', ')}`);
}

/** While `<stateDir>/<name>.paused` exists, the supervisor of that server (infra or service) does not start it again. */
export const pauseFile = (stateDir: string, name: string) => join(stateDir, `${name}.paused`);

/**
 * Stops one server of a running profile from any process (a test) and keeps it stopped until
 * resumeServer(): writes the pause file, then stops the process its pid file names, with its own
 * clean stop signal unless `signal` says otherwise (SIGKILL for a crash), waiting until its whole
 * process group is gone.
 */
export async function pauseServer(stateDir: string, name: string, signal?: NodeJS.Signals): Promise<void> {
  writeFileSync(pauseFile(stateDir, name), `${new Date().toISOString()}\n`);
  const file = join(stateDir, 'run', `${name}.pid`);
  if (!existsSync(file)) return;
  const { pid, startTime, stopSignal } = JSON.parse(readFileSync(file, 'utf8')) as PidFile;
  if (groupMembers(pid, startTime).length === 0) return;
  await killGroup(pid, startTime, signal ?? stopSignal, 30_000);
}

/** Lets the supervisor start the server again; waits until `ready` answers true (60 s by default, then fails). */
export async function resumeServer(stateDir: string, name: string, ready?: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  rmSync(pauseFile(stateDir, name), { force: true });
  if (!ready) return;
  for (const deadline = Date.now() + timeoutMs; !(await ready().catch(() => false)); await sleep(250)) {
    if (Date.now() > deadline) throw new Error(`${name} was not ready again within ${Math.round(timeoutMs / 1000)} s`);
  }
}

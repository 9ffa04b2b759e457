// CPU time of every process of the bench's stack, read from /proc: a figure that other load on the
// machine changes much less than a rate or a latency.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { busiestFirst, sum } from './figures.ts';

export type CpuReading = Record<string, number>;

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** Every process of the stack by name, from the pid files the devstack writes (servers and services). */
function stackProcesses(stateDir: string): Record<string, number> {
  const runDir = join(stateDir, 'run');
  return Object.fromEntries(
    readdirSync(runDir)
      .filter((file) => file.endsWith('.pid'))
      .flatMap((file) => {
        try {
          return [[file.slice(0, -'.pid'.length), (JSON.parse(readFileSync(join(runDir, file), 'utf8')) as { pid: number }).pid]];
        } catch {
          return []; // being rewritten by a restart
        }
      }),
  );
}

/**
 * CPU milliseconds (user + system) each stack process has used so far, with its live descendants'
 * (PostgreSQL's backends, RabbitMQ's VM under its start script) and the children it has reaped.
 */
export function cpuMsByProcess(stateDir: string): CpuReading {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // After the command name (in parentheses, which may hold spaces): state, ppid, … utime (14), stime, cutime, cstime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    stats.set(Number(entry), { ppid: Number(fields[1]), ticks });
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const treeTicks = (pid: number): number =>
    (stats.get(pid)?.ticks ?? 0) + (children.get(pid) ?? []).reduce((total, child) => total + treeTicks(child), 0);
  return Object.fromEntries(
    Object.entries(stackProcesses(stateDir)).map(([name, pid]) => [name, (treeTicks(pid) * 1000) / CLOCK_TICKS_PER_SECOND]),
  );
}

/** The CPU milliseconds each process used between two readings. */
export function cpuSpent(before: CpuReading, after: CpuReading): CpuReading {
  return Object.fromEntries(Object.entries(after).map(([name, ms]) => [name, Math.max(0, ms - (before[name] ?? 0))]));
}

/** CPU per unit of work, by process and in all: `spent` divided by `count` (NaN for none). */
export function cpuPer(spent: CpuReading, count: number) {
  const per = (ms: number) => (count === 0 ? NaN : ms / count);
  return {
    byProcess: Object.fromEntries(Object.entries(spent).map(([name, ms]) => [name, per(ms)])),
    total: per(sum(Object.values(spent))),
  };
}

/**
 * The CPU the whole stack uses per second with nothing asked of it: pollers, timers, the servers' own
 * upkeep; with the processes that used most of it, so an upkeep that is not idle shows who does it.
 */
export async function idleCpuMsPerSecond(stateDir: string, seconds: number): Promise<{ msPerSecond: number; busiest: string }> {
  const before = cpuMsByProcess(stateDir);
  const started = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - started) / 1000;
  const spent = cpuSpent(before, cpuMsByProcess(stateDir));
  const busiest = busiestFirst(spent, (ms) => (ms / elapsed).toFixed(0), 3);
  return { msPerSecond: sum(Object.values(spent)) / elapsed, busiest };
}

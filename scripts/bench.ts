// `npm run bench`: starts a stack of its own (profile test-8, PostgreSQL with fsync on, as in
// production), then measures, in the same run and on the same servers:
//  - the raw baseline: single-row inserts into a scratch copy of the appointments table (same
//    exclusion constraints), one transaction each, from 32 clients and from 1;
//  - booking through the gateway at 1, 4, 8, 32 and 64 requests in flight over distinct slots of
//    several doctors, for a few seconds each, as bookings/s, latency percentiles and ratios to the baseline;
//  - 500 patients racing for 10 slots;
//  - reads under 32 connections (available slots, the doctor list) with autocannon;
//  - the resident memory of every service after the load;
// every booking phase followed by a drain (the queues emptied, events published, emails sent) and
// measured as CPU milliseconds per booking of every process of the stack (its own and its children's,
// from /proc), a figure other load on the machine does not change, with the part of it the stack
// uses anyway when idle (its periodic work, measured for a few seconds before the levels);
// then again the booking load with 4 booking shards (BENCH_SHARDS=1,4 by default; BENCH_SHARDS=1 skips it).
// It prints a table with each target met or missed, saves the figures as JSON
// (.devstack/bench/result.json), asserts nothing, and is never part of `npm test`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

process.env.CLINIC_TEST_PROFILE ??= 'test-8';
// Its patients each book many appointments ahead: the per-patient cap is not what it measures.
process.env.CLINIC_MAX_FUTURE_APPOINTMENTS_PER_PATIENT ??= '1000000';
// The platform's durability: every commit reaches the disk (test stacks skip fsync for speed).
process.env.CLINIC_POSTGRES_FSYNC = 'on';
// The platform's periodic work at its own pace (test stacks run the catch-up and the like every second).
process.env.CLINIC_PLATFORM_TIMERS = 'on';
const SHARD_COUNTS = (process.env.BENCH_SHARDS ?? '1,4').split(',').map(Number);
if (SHARD_COUNTS.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error(`BENCH_SHARDS must list positive integers: ${process.env.BENCH_SHARDS}`);

const { provision, stackProfile, startInfra } = await import('@clinic/devstack');
const { startPlatform } = await import('../devstack/src/platform.ts');
const { stackFile, writeTestStack } = await import('../tests/support/stack.ts');
const { createPatients, passwordToken } = await import('../tests/support/identity.ts');
const { ALL_WEEK, createDoctor, clinicDate } = await import('../tests/support/clinic.ts');
const { pidOf } = await import('../tests/support/booking.ts');
const { http } = await import('../tests/support/http.ts');
type TestUser = Awaited<ReturnType<typeof createPatients>>[number];
type Slot = { start: string; end: string };

const TARGETS = {
  ratioAt32: 0.2,
  distinctP99At32Ms: 250,
  raceP99Ms: 1_000,
  slotsPerSecond: 1_000,
  slotsP99Ms: 50,
  serviceRssMb: 200,
};
const LEVELS = [1, 4, 8, 32, 64];
const SHARDED_LEVELS = [32, 64];
/** Seconds the stack is watched doing nothing before the booking levels. */
const IDLE_SECONDS = 5;
/** Roughly the load the first run's levels before 32 in flight add up to (1 + 3 + 5 + 5 s). */
const WARM_UP_AFTER_RESTART_SECONDS = 14;
const LEVEL_SECONDS = Number(process.env.BENCH_LEVEL_SECONDS ?? 5);
const RAW_SECONDS = Number(process.env.BENCH_RAW_SECONDS ?? 5);
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 5);
const DOCTORS = 8;
const RACERS = 500;
const RACE_SLOTS = 10;
const RESULT_FILE = fileURLToPath(new URL('../.devstack/bench/result.json', import.meta.url));

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const stackLog = (line: string) => process.stderr.write(`[stack] ${line}\n`);

// ---------------------------------------------------------------- figures
interface Latencies {
  p50: number;
  p95: number;
  p99: number;
}
function percentiles(ms: number[]): Latencies {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
  return { p50: at(50), p95: at(95), p99: at(99) };
}
const fmtMs = (ms: number) => (Number.isNaN(ms) ? '–' : ms < 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(0)} ms`);
const fmtRate = (n: number) => `${n.toFixed(n < 100 ? 1 : 0)}/s`;

const targetLines: Array<{ figure: string; value: string; target: string; met: boolean }> = [];
function target(figure: string, value: string, targetText: string, met: boolean) {
  targetLines.push({ figure, value, target: targetText, met });
}

// ---------------------------------------------------------------- the stack
const profile = stackProfile(process.env.CLINIC_TEST_PROFILE as Parameters<typeof stackProfile>[0]);
log(`starting a stack of real servers (profile ${profile.name}, PostgreSQL with fsync on)…`);
await provision(stackLog);
const infra = await startInfra(profile, { fresh: true, log: stackLog });
let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;

async function startPlatformWith(shards: number) {
  process.env.CLINIC_BOOKING_SHARDS = String(shards);
  platform = await startPlatform(profile, infra, stackLog);
  // What the test helpers read (tests/support/stack.ts), as the test setup writes it.
  writeTestStack(profile, infra, platform.urls);
  return platform;
}

const gateway = `http://127.0.0.1:${profile.ports.gateway}`;

// ---------------------------------------------------------------- CPU time from /proc
const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** Every process of the stack by name, from the pid files the devstack writes (servers and services). */
function stackProcesses(): Record<string, number> {
  const runDir = join(profile.stateDir, 'run');
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
function cpuMsByProcess(): Record<string, number> {
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
    (stats.get(pid)?.ticks ?? 0) + (children.get(pid) ?? []).reduce((sum, child) => sum + treeTicks(child), 0);
  return Object.fromEntries(
    Object.entries(stackProcesses()).map(([name, pid]) => [name, (treeTicks(pid) * 1000) / CLOCK_TICKS_PER_SECOND]),
  );
}

/** The CPU milliseconds each process used between two readings. */
function cpuSpent(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([name, ms]) => [name, Math.max(0, ms - (before[name] ?? 0))]));
}

// ---------------------------------------------------------------- the backlog
const rabbitAuth = () => `Basic ${Buffer.from(`${infra.rabbitUser}:${infra.rabbitPassword}`).toString('base64')}`;

/**
 * One connection per database for the backlog's counts, kept for the whole run: a new connection every
 * half second would start a PostgreSQL backend each time, CPU the drain would count against the bookings.
 */
const backlogPools = new Map<string, pg.Pool>();
function backlogPool(url: string): pg.Pool {
  let pool = backlogPools.get(url);
  if (!pool) backlogPools.set(url, (pool = new pg.Pool({ connectionString: url, max: 1 })));
  return pool;
}

/** What is still to do after a phase's answers: messages queued or unacknowledged, events unpublished, emails due. */
async function backlog(): Promise<{ queued: number; unpublished: number; emailsDue: number }> {
  const queues = (
    await http(`${infra.rabbitManagementUrl}/api/queues/%2F?columns=name,messages`, { headers: { authorization: rabbitAuth() } })
  ).body as Array<{ name: string; messages?: number }>;
  // The dead-letter queue only grows (kept for people to look at); reply queues are answered at once.
  const queued = queues.filter((q) => q.name !== 'clinic.dead-letter').reduce((sum, q) => sum + (q.messages ?? 0), 0);
  const count = async (url: string, sql: string) => Number((await backlogPool(url).query<{ n: string }>(sql)).rows[0]!.n);
  const [unpublished, emailsDue] = await Promise.all([
    count(infra.postgres.roles.appointment_service.url, 'SELECT count(*) AS n FROM appointment_events WHERE published_at IS NULL'),
    count(
      infra.postgres.roles.notification_service.url,
      `SELECT count(*) AS n FROM notifications WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= now()`,
    ),
  ]);
  return { queued, unpublished, emailsDue };
}

/**
 * Waits until what a phase left behind is done (booking commands, PDFs, events, emails), so it neither
 * slows the next phase nor goes uncounted in this one's CPU; gives up after `limitSeconds`.
 */
async function drain(limitSeconds = 180): Promise<{ seconds: number; drained: boolean }> {
  const started = performance.now();
  let quietReadings = 0;
  while (performance.now() - started < limitSeconds * 1000) {
    const left = await backlog();
    // Twice in a row: a message between two stages (consumed, its follow-up not yet queued) is not missed.
    quietReadings = left.queued + left.unpublished + left.emailsDue === 0 ? quietReadings + 1 : 0;
    if (quietReadings === 2) return { seconds: (performance.now() - started) / 1000, drained: true };
    await sleep(500);
  }
  log(`the backlog was not drained within ${limitSeconds} s: ${JSON.stringify(await backlog())}`);
  return { seconds: (performance.now() - started) / 1000, drained: false };
}

function rssMb(processName: string): number {
  const status = readFileSync(`/proc/${pidOf(processName)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** Every free slot of a doctor from tomorrow to the booking horizon, asked of doctor-service day by day. */
async function allSlots(doctorId: string, days: number): Promise<Slot[]> {
  const perDay = await Promise.all(
    Array.from({ length: days }, async (_, i) => {
      const answer = await http<{ slots: Slot[] }>(
        `${platform!.urls['doctor-service']}/doctors/${doctorId}/available-slots?date=${clinicDate(i + 1)}`,
      );
      if (answer.status !== 200) throw new Error(`available-slots answered ${answer.status}`);
      return answer.body.slots;
    }),
  );
  return perDay.flat();
}

/**
 * Logs in again every patient whose token ends within two minutes: tokens live 5 minutes, and a slow
 * start (a loaded machine) could otherwise turn a later phase's bookings into 401s.
 */
async function freshTokens(patients: TestUser[]) {
  const expiresAt = (token: string) =>
    (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;
  const stale = patients.filter((p) => expiresAt(p.token) < Date.now() + 120_000);
  for (let i = 0; i < stale.length; i += 20) {
    await Promise.all(stale.slice(i, i + 20).map(async (p) => (p.token = await passwordToken(p.email, p.password))));
  }
}

// ---------------------------------------------------------------- measurements
/** Inserts like a booking's into a scratch copy of the appointments table, `clients` at a time. */
async function rawInserts(clients: number, seconds: number) {
  const pool = new pg.Pool({ connectionString: infra.postgres.roles.appointment_service.url, max: clients });
  try {
    await pool.query('DROP TABLE IF EXISTS bench_raw_appointments');
    // LIKE … INCLUDING ALL copies the defaults, the checks and both exclusion constraints.
    await pool.query('CREATE TABLE bench_raw_appointments (LIKE appointments INCLUDING ALL)');
    const ms: number[] = [];
    const until = performance.now() + seconds * 1000;
    let slot = 0;
    const base = Date.UTC(2040, 0, 1);
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        const doctor = crypto.randomUUID();
        while (performance.now() < until) {
          const start = new Date(base + (slot++ + client) * 1_800_000);
          const patient = crypto.randomUUID();
          const started = performance.now();
          await pool.query(
            `INSERT INTO bench_raw_appointments (patient_id, doctor_id, doctor_user_id, cabinet_id, start_time, end_time, patient_name,
               patient_email, doctor_name, doctor_email, specialization_name, cabinet_name, cabinet_location, cabinet_floor, booked_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
            [
              patient,
              doctor,
              doctor,
              doctor,
              start,
              new Date(start.getTime() + 1_800_000),
              'Bench Patient',
              'patient@bench.test',
              'Dr Bench',
              'doctor@bench.test',
              'Bench',
              'Room 1',
              'Wing A',
              1,
              patient,
            ],
          );
          ms.push(performance.now() - started);
        }
      }),
    );
    return { clients, seconds, inserts: ms.length, perSecond: ms.length / seconds, ...percentiles(ms) };
  } finally {
    await pool.query('DROP TABLE IF EXISTS bench_raw_appointments').catch(() => {});
    await pool.end();
  }
}

interface Booker {
  doctorId: string;
  patients: TestUser[];
  slots: Slot[];
}

async function book(patient: TestUser, doctorId: string, slot: Slot) {
  const started = performance.now();
  const answer = await http(`${gateway}/api/appointments`, {
    method: 'POST',
    token: patient.token,
    body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
  }).catch(() => ({ status: 0 }));
  return { status: answer.status, ms: performance.now() - started };
}

/** `inFlight` requests at a time for `seconds`, round-robin over the doctors, each on a slot never asked for before. */
async function bookingLoad(bookers: Booker[], inFlight: number, seconds: number) {
  const ms: number[] = [];
  const statuses: Record<number, number> = {};
  let turn = 0;
  let ranOut = false;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < until) {
        const booker = bookers[turn++ % bookers.length]!;
        const slot = booker.slots.shift();
        if (!slot) {
          ranOut = true;
          return;
        }
        // A doctor's own patients only: no patient is ever asked two doctors at one time.
        const patient = booker.patients[booker.slots.length % booker.patients.length]!;
        const result = await book(patient, booker.doctorId, slot);
        statuses[result.status] = (statuses[result.status] ?? 0) + 1;
        ms.push(result.ms);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const booked = statuses[201] ?? 0;
  return {
    inFlight,
    seconds: elapsed,
    requests: ms.length,
    booked,
    statuses,
    ranOutOfSlots: ranOut,
    perSecond: booked / elapsed,
    ...percentiles(ms),
  };
}

/**
 * A booking phase measured whole: the load, then the drain of what it left behind, with the CPU every
 * process of the stack spent on both, per booking made.
 */
async function bookingPhase(bookers: Booker[], inFlight: number, seconds: number, idleMsPerSecond: number) {
  const before = cpuMsByProcess();
  const started = performance.now();
  const load = await bookingLoad(bookers, inFlight, seconds);
  const drained = await drain();
  const spent = cpuSpent(before, cpuMsByProcess());
  const elapsedSeconds = (performance.now() - started) / 1000;
  const perBooking = (ms: number) => (load.booked === 0 ? NaN : ms / load.booked);
  return {
    ...load,
    drainSeconds: drained.seconds,
    drained: drained.drained,
    cpuMsPerBooking: Object.fromEntries(Object.entries(spent).map(([name, ms]) => [name, perBooking(ms)])),
    cpuMsPerBookingTotal: perBooking(Object.values(spent).reduce((sum, ms) => sum + ms, 0)),
    // What the stack would have used meanwhile without a booking (its periodic work), part of the total.
    idleCpuMsPerBooking: perBooking(idleMsPerSecond * elapsedSeconds),
  };
}

/** The CPU the whole stack uses per second with nothing asked of it: pollers, timers, the servers' own upkeep. */
async function idleCpuMsPerSecond(seconds: number): Promise<number> {
  const before = cpuMsByProcess();
  const started = performance.now();
  await sleep(seconds * 1000);
  const spent = Object.values(cpuSpent(before, cpuMsByProcess())).reduce((sum, ms) => sum + ms, 0);
  return spent / ((performance.now() - started) / 1000);
}

async function race(doctorId: string, slots: Slot[], racers: TestUser[]) {
  const results = await Promise.all(racers.map((patient, i) => book(patient, doctorId, slots[i % slots.length]!)));
  const winners = results.filter((r) => r.status === 201).length;
  const statuses = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  return { racers: racers.length, slots: slots.length, winners, statuses, ...percentiles(results.map((r) => r.ms)) };
}

async function reads(url: string, connections: number, seconds: number) {
  const result = await autocannon({ url, connections, duration: seconds });
  return {
    url: url.replace(gateway, ''),
    connections,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function memory() {
  return Object.fromEntries(Object.keys(platform!.urls).map((name) => [name, Math.round(rssMb(name))]));
}

// ---------------------------------------------------------------- the run
const result: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), loadAverageAtStart: loadavg() },
};
try {
  await startPlatformWith(SHARD_COUNTS[0]!);
  const settings = new pg.Client({ connectionString: infra.postgres.roles.appointment_service.url });
  await settings.connect();
  const postgres: Record<string, string> = {};
  for (const name of ['fsync', 'synchronous_commit', 'server_version'])
    postgres[name] = (await settings.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
  result.postgres = postgres;
  await settings.end();

  log(`creating ${DOCTORS + 1} doctors and ${RACERS} patients…`);
  const doctors = await Promise.all(Array.from({ length: DOCTORS + 1 }, () => createDoctor({ schedule: ALL_WEEK })));
  const patients = await createPatients(RACERS, 'bench');
  const raceDoctor = doctors.pop()!;
  const bookers: Booker[] = [];
  for (const [k, { doctor }] of doctors.entries()) {
    bookers.push({
      doctorId: doctor.id,
      patients: patients.filter((_, i) => i % DOCTORS === k),
      slots: await allSlots(doctor.id, 85),
    });
  }
  log(`${bookers.reduce((n, b) => n + b.slots.length, 0)} distinct slots over ${DOCTORS} doctors`);

  log('raw baseline: inserts into a scratch copy of the appointments table…');
  const raw32 = await rawInserts(32, RAW_SECONDS);
  const raw1 = await rawInserts(1, RAW_SECONDS);
  result.rawInserts = { clients32: raw32, clients1: raw1 };

  const curves: Record<string, unknown[]> = {};
  const shardRuns: Array<{ shards: number; levels: Awaited<ReturnType<typeof bookingPhase>>[] }> = [];
  for (const [run, shards] of SHARD_COUNTS.entries()) {
    if (run > 0) {
      log(`restarting the services with ${shards} booking shards…`);
      await platform!.stop();
      platform = undefined;
      // A loaded machine can make RabbitMQ time out declaring a new quorum queue (INTERNAL_ERROR), which
      // stops a service at start-up; a container would be restarted, here the start is tried again.
      for (let attempt = 1; !platform; attempt++) {
        try {
          await startPlatformWith(shards);
        } catch (error) {
          log(`the services did not start (${(error as Error).message.split('\n')[0]})${attempt < 3 ? '; trying again' : ''}`);
          if (attempt === 3) break;
        }
      }
      if (!platform) {
        result.shardsNotMeasured = `the services did not start with ${shards} shards`;
        break;
      }
    }
    // Warm-up (not measured): connections, JIT, the doctors' first profiles. As long as the load before
    // the first 32-in-flight level of the first run, so a run after a restart starts as warm.
    await freshTokens(bookers.flatMap((b) => b.patients));
    await bookingLoad(bookers, 8, run === 0 ? 1 : WARM_UP_AFTER_RESTART_SECONDS);
    await drain();
    const idleMsPerSecond = await idleCpuMsPerSecond(IDLE_SECONDS);
    log(`  the idle stack uses ${idleMsPerSecond.toFixed(0)} ms of CPU a second`);
    const levels = [];
    for (const inFlight of run === 0 ? LEVELS : SHARDED_LEVELS) {
      log(`booking: ${inFlight} in flight, ${shards} shard(s)…`);
      await freshTokens(bookers.flatMap((b) => b.patients));
      const phase = await bookingPhase(bookers, inFlight, inFlight === 1 ? Math.min(3, LEVEL_SECONDS) : LEVEL_SECONDS, idleMsPerSecond);
      log(`  ${phase.booked} booked; backlog drained in ${phase.drainSeconds.toFixed(1)} s${phase.drained ? '' : ' (NOT drained)'}`);
      levels.push(phase);
    }
    curves[`shards${shards}`] = levels;
    shardRuns.push({ shards, levels });

    if (run === 0) {
      log(`race: ${RACERS} patients for ${RACE_SLOTS} slots…`);
      const raceSlots = (await allSlots(raceDoctor.doctor.id, 2)).slice(0, RACE_SLOTS);
      await freshTokens(patients);
      result.race = await race(raceDoctor.doctor.id, raceSlots, patients);
      await drain();

      log('reads: available slots and the doctor list, 32 connections…');
      const busyDay = clinicDate(1);
      result.reads = {
        availableSlots: await reads(`${gateway}/api/doctors/${bookers[0]!.doctorId}/available-slots?date=${busyDay}`, 32, READ_SECONDS),
        doctorList: await reads(`${gateway}/api/doctors`, 32, READ_SECONDS),
      };
      result.memoryMb = memory();
    }
  }
  result.booking = curves;
  result.loadAverageAtEnd = loadavg();

  // ---------------------------------------------------------------- report
  const raw = result.rawInserts as { clients32: typeof raw32; clients1: typeof raw1 };
  const fmtLoad = (load: number[]) => load.map((n) => n.toFixed(2)).join(' ');
  console.log(
    `\nMachine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB; load average ${fmtLoad(
      (result.machine as { loadAverageAtStart: number[] }).loadAverageAtStart,
    )} at the start, ${fmtLoad(result.loadAverageAtEnd as number[])} at the end (1, 5, 15 min)`,
  );
  console.log(`PostgreSQL ${JSON.stringify(result.postgres)}`);
  console.log('\nRaw baseline: one-row insert transactions into a copy of the appointments table');
  console.log(`  clients   inserts/s       p50       p95       p99`);
  for (const r of [raw.clients32, raw.clients1]) {
    console.log(
      `  ${String(r.clients).padStart(7)} ${fmtRate(r.perSecond).padStart(11)} ${[r.p50, r.p95, r.p99]
        .map(fmtMs)
        .map((s) => s.padStart(9))
        .join(' ')}`,
    );
  }

  for (const { shards, levels } of shardRuns) {
    console.log(`\nBooking through the gateway, distinct slots, ${shards} booking shard(s), 3 appointment-service replicas`);
    console.log(`  in flight   booked/s   ÷ raw@32    ÷ raw@1       p50       p95       p99   answers`);
    for (const l of levels) {
      console.log(
        `  ${String(l.inFlight).padStart(9)} ${fmtRate(l.perSecond).padStart(10)} ${(l.perSecond / raw.clients32.perSecond).toFixed(3).padStart(10)} ${(
          l.perSecond / raw.clients1.perSecond
        )
          .toFixed(3)
          .padStart(10)} ${[l.p50, l.p95, l.p99]
          .map(fmtMs)
          .map((s) => s.padStart(9))
          .join(' ')}   ${JSON.stringify(l.statuses)}${l.ranOutOfSlots ? ' (ran out of slots)' : ''}`,
      );
    }
    console.log(`\n  CPU ms per booking, each process with its children (load and drain of the backlog; /proc utime + stime)`);
    console.log(`  ${'process'.padEnd(28)} ${levels.map((l) => `@${l.inFlight}`.padStart(8)).join(' ')}`);
    const fmtCpu = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '–' : ms.toFixed(ms < 10 ? 2 : 1));
    for (const name of Object.keys(levels[0]!.cpuMsPerBooking).sort()) {
      console.log(`  ${name.padEnd(28)} ${levels.map((l) => fmtCpu(l.cpuMsPerBooking[name]).padStart(8)).join(' ')}`);
    }
    console.log(`  ${'all'.padEnd(28)} ${levels.map((l) => fmtCpu(l.cpuMsPerBookingTotal).padStart(8)).join(' ')}`);
    console.log(`  ${'  of which idle upkeep'.padEnd(28)} ${levels.map((l) => fmtCpu(l.idleCpuMsPerBooking).padStart(8)).join(' ')}`);
    console.log(
      `  ${'drain (s)'.padEnd(28)} ${levels.map((l) => `${l.drainSeconds.toFixed(1)}${l.drained ? '' : '!'}`.padStart(8)).join(' ')}`,
    );
    const at32 = levels.find((l) => l.inFlight === 32)!;
    target(
      `bookings/s at 32 in flight ÷ raw inserts/s at 32 (${shards} shard(s))`,
      (at32.perSecond / raw.clients32.perSecond).toFixed(3),
      `≥ ${TARGETS.ratioAt32}`,
      at32.perSecond / raw.clients32.perSecond >= TARGETS.ratioAt32,
    );
    target(
      `distinct-slot p99 at 32 in flight (${shards} shard(s))`,
      fmtMs(at32.p99),
      `< ${TARGETS.distinctP99At32Ms} ms`,
      at32.p99 < TARGETS.distinctP99At32Ms,
    );
  }

  const raced = result.race as Awaited<ReturnType<typeof race>>;
  console.log(`\n${raced.racers} patients racing for ${raced.slots} slots (${SHARD_COUNTS[0]} shard(s))`);
  console.log(
    `  winners ${raced.winners}, answers ${JSON.stringify(raced.statuses)}, p50 ${fmtMs(raced.p50)}, p95 ${fmtMs(raced.p95)}, p99 ${fmtMs(raced.p99)}`,
  );
  target(`race: winners`, String(raced.winners), String(RACE_SLOTS), raced.winners === RACE_SLOTS);
  target(`race: p99`, fmtMs(raced.p99), `< ${TARGETS.raceP99Ms} ms`, raced.p99 < TARGETS.raceP99Ms);

  const read = result.reads as Record<string, Awaited<ReturnType<typeof reads>>>;
  console.log('\nReads through the gateway, 32 connections (autocannon)');
  for (const r of Object.values(read)) {
    console.log(
      `  ${r.url.padEnd(70)} ${fmtRate(r.perSecond).padStart(9)}  p50 ${fmtMs(r.p50).padStart(7)}  p99 ${fmtMs(r.p99).padStart(7)}  non-2xx ${r.non2xx}, errors ${r.errors}`,
    );
  }
  target(
    'available slots: req/s',
    fmtRate(read.availableSlots!.perSecond),
    `≥ ${TARGETS.slotsPerSecond}/s`,
    read.availableSlots!.perSecond >= TARGETS.slotsPerSecond,
  );
  target(
    'available slots: p99',
    fmtMs(read.availableSlots!.p99),
    `< ${TARGETS.slotsP99Ms} ms`,
    read.availableSlots!.p99 < TARGETS.slotsP99Ms,
  );

  const mem = result.memoryMb as Record<string, number>;
  console.log('\nMemory (resident set) after the load');
  for (const [name, mb] of Object.entries(mem)) console.log(`  ${name.padEnd(28)} ${String(mb).padStart(5)} MB`);
  const [largest, largestMb] = Object.entries(mem).sort((a, b) => b[1] - a[1])[0]!;
  target(
    `largest service RSS after the load (${largest})`,
    `${largestMb} MB`,
    `< ${TARGETS.serviceRssMb} MB`,
    largestMb < TARGETS.serviceRssMb,
  );

  console.log('\nTargets');
  for (const t of targetLines)
    console.log(`  ${t.figure.padEnd(66)} ${t.value.padStart(9)}   ${t.target.padEnd(9)} ${t.met ? 'met' : 'MISSED'}`);
  result.targets = targetLines;
  mkdirSync(dirname(RESULT_FILE), { recursive: true });
  writeFileSync(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nSaved to ${join('.devstack', 'bench', 'result.json')}`);
} finally {
  await Promise.all([...backlogPools.values()].map((pool) => pool.end()));
  await platform?.stop();
  await infra.stop();
  rmSync(stackFile, { force: true });
}

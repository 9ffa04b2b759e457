// `npm run bench`: starts a stack of its own (profile test-8, PostgreSQL with fsync on and
// pg_stat_statements loaded, the platform's own timers), then measures, in the same run and on the same
// servers (README, "Benchmark"):
//  - the raw baseline: single-row inserts into a scratch copy of the appointments table (same
//    exclusion constraints), one transaction each, from 32 clients and from 1;
//  - booking through the gateway at 1, 4, 8, 32 and 64 requests in flight over distinct slots;
//  - the decision path alone: 32 in flight with the event consumers (emails, PDFs) held back, then
//    their work released and measured apart;
//  - open-loop latency: bookings offered at half the 32-in-flight rate for 20 s;
//  - 500 patients racing for 10 slots; reads under 32 connections (autocannon); every service's RSS;
//  - again 32 and 64 in flight with 4 booking shards, and 32 in flight with tracing off (each after a
//    restart of the services), for the cost of sharding and of tracing.
// Every booking phase is followed by a drain (queues emptied, events published, emails sent) and
// measured as CPU milliseconds per booking of every process of the stack (/proc) and as the statements
// PostgreSQL ran per booking. It prints the figures with issue 22's targets met or missed, saves them as
// JSON (.devstack/bench/result.json), asserts nothing, and is never part of `npm test`.
// The parts: scripts/bench/ (load, phases, hold, cpu, backlog, statements, targets, report).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

process.env.CLINIC_TEST_PROFILE ??= 'test-8';
// Its patients each book many appointments ahead: the per-patient cap is not what it measures.
process.env.CLINIC_MAX_FUTURE_APPOINTMENTS_PER_PATIENT ??= '1000000';
// The platform's durability: every commit reaches the disk (test stacks skip fsync for speed).
process.env.CLINIC_POSTGRES_FSYNC = 'on';
// The statements per booking: pg_stat_statements, in this stack only.
process.env.CLINIC_POSTGRES_STATEMENTS = 'on';
// Queue depths as they are, not as they were up to 5 s ago: the drain between phases reads them.
process.env.CLINIC_RABBITMQ_STATS_INTERVAL_MS = '250';
// The platform's periodic work at its own pace (test stacks run the catch-up and the like every second).
process.env.CLINIC_PLATFORM_TIMERS = 'on';

const seconds = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number of seconds: ${process.env[name]}`);
  return value;
};
const SETTINGS = {
  shardCounts: (process.env.BENCH_SHARDS ?? '1,4').split(',').map(Number),
  levelSeconds: seconds('BENCH_LEVEL_SECONDS', 5),
  rawSeconds: seconds('BENCH_RAW_SECONDS', 5),
  readSeconds: seconds('BENCH_READ_SECONDS', 5),
  openLoopSeconds: seconds('BENCH_OPEN_LOOP_SECONDS', 20),
  /** BENCH_TRACING_OFF=skip leaves out the run with tracing off. */
  tracingOffRun: process.env.BENCH_TRACING_OFF !== 'skip' && process.env.CLINIC_TRACING !== 'off',
  /** What the services' tracing is in the run "as configured": the standard variables, or their default. */
  tracing:
    process.env.CLINIC_TRACING === 'off'
      ? 'off (CLINIC_TRACING=off)'
      : `on, sampler ${process.env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on (the default)'}${
          process.env.OTEL_TRACES_SAMPLER_ARG ? `, argument ${process.env.OTEL_TRACES_SAMPLER_ARG}` : ''
        }`,
};
if (SETTINGS.shardCounts.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error(`BENCH_SHARDS must list positive integers: ${process.env.BENCH_SHARDS}`);

const LEVELS = [1, 4, 8, 32, 64];
const SHARDED_LEVELS = [32, 64];
/** Seconds the stack is watched doing nothing before the booking levels. */
const IDLE_SECONDS = 5;
/** Roughly the load the first run's levels before 32 in flight add up to (1 + 3 + 5 + 5 s). */
const WARM_UP_AFTER_RESTART_SECONDS = 14;
const DOCTORS = 8;
const RACERS = 500;
const RACE_SLOTS = 10;
const RESULT_FILE = fileURLToPath(new URL('../.devstack/bench/result.json', import.meta.url));

const { provision, stackProfile, startInfra } = await import('@clinic/devstack');
const { startPlatform } = await import('../devstack/src/platform.ts');
const { stackFile, writeTestStack } = await import('../tests/support/stack.ts');
const { createPatients, passwordToken } = await import('../tests/support/identity.ts');
const { ALL_WEEK, createDoctor, clinicDate } = await import('../tests/support/clinic.ts');
const { pidOf } = await import('../tests/support/booking.ts');
const { MEMORY_TRIM_DEFAULTS } = await import('../packages/service-kit/src/memory-trim.ts');
const { http } = await import('../tests/support/http.ts');
const { readMetrics, sumOf } = await import('../tests/support/metrics.ts');
const { log, stackLog } = await import('./bench/figures.ts');
const { backlogReader } = await import('./bench/backlog.ts');
const { statementCounter } = await import('./bench/statements.ts');
const { cpuMsByProcess, cpuPer, cpuSpent, idleCpuMsPerSecond } = await import('./bench/cpu.ts');
const { bookingLoad, race, rawInserts, reads } = await import('./bench/load.ts');
const { bookingPhase, decisionPhase, openLoopPhase } = await import('./bench/phases.ts');
const { printReport, figuresForTargets } = await import('./bench/report.ts');
const { evaluateTargets } = await import('./bench/targets.ts');
type Booker = import('./bench/load.ts').Booker;
type Slot = import('./bench/load.ts').Slot;
type TestUser = Awaited<ReturnType<typeof createPatients>>[number];

const profile = stackProfile(process.env.CLINIC_TEST_PROFILE as Parameters<typeof stackProfile>[0]);
const gateway = `http://127.0.0.1:${profile.ports.gateway}`;
log(`starting a stack of real servers (profile ${profile.name}, PostgreSQL with fsync on)…`);
await provision(stackLog);
const infra = await startInfra(profile, { fresh: true, log: stackLog });
let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
const rabbit = {
  managementUrl: infra.rabbitManagementUrl,
  authorization: `Basic ${Buffer.from(`${infra.rabbitUser}:${infra.rabbitPassword}`).toString('base64')}`,
};
const backlog = backlogReader(rabbit, infra.postgres.adminUrl);
const statements = statementCounter(infra.postgres.adminUrl);
const phaseContext = (idleMsPerSecond: number) => ({
  gateway,
  stateDir: profile.stateDir,
  rabbit,
  amqpUrl: infra.amqpUrl,
  backlog,
  statements,
  idleMsPerSecond,
});

/** (Re)starts the services with `shards` booking shards; false when they would not start. */
async function startPlatformWith(shards: number): Promise<boolean> {
  await platform?.stop();
  platform = undefined;
  process.env.CLINIC_BOOKING_SHARDS = String(shards);
  // A loaded machine can make RabbitMQ time out declaring a new quorum queue (INTERNAL_ERROR), which
  // stops a service at start-up; a container would be restarted, here the start is tried again.
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      platform = await startPlatform(profile, infra, stackLog);
      // What the test helpers read (tests/support/stack.ts), as the test setup writes it.
      writeTestStack(profile, infra, platform.urls);
      return true;
    } catch (error) {
      log(`the services did not start (${(error as Error).message.split('\n')[0]})${attempt < 3 ? '; trying again' : ''}`);
    }
  }
  return false;
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

/** Long enough with nothing asked for every service that grew to have made its memory trim (service-kit). */
const QUIET_SECONDS = MEMORY_TRIM_DEFAULTS.quietMs / 1000 + 10;
const quietSpell = () => new Promise((resolve) => setTimeout(resolve, QUIET_SECONDS * 1000));

/**
 * Warm-up (not measured; connections, JIT, the doctors' first profiles), then the idle stack's CPU. The
 * stack is left quiet first: the memory trims that follow the warm-up are once per burst, not upkeep,
 * and would otherwise fall in the idle reading or pause the first level.
 */
async function warmUp(bookers: Booker[], warmUpSeconds: number) {
  await freshTokens(bookers.flatMap((b) => b.patients));
  await bookingLoad(gateway, bookers, 8, warmUpSeconds);
  await backlog.drain();
  await quietSpell();
  const { msPerSecond: idleMsPerSecond, busiest } = await idleCpuMsPerSecond(profile.stateDir, IDLE_SECONDS);
  log(`  the idle stack uses ${idleMsPerSecond.toFixed(0)} ms of CPU a second (most: ${busiest})`);
  return phaseContext(idleMsPerSecond);
}

/** The closed-loop levels of one platform run. */
async function levels(ctx: ReturnType<typeof phaseContext>, bookers: Booker[], inFlights: number[], label: string) {
  const measured = [];
  for (const inFlight of inFlights) {
    log(`booking: ${inFlight} in flight, ${label}…`);
    await freshTokens(bookers.flatMap((b) => b.patients));
    const phase = await bookingPhase(ctx, bookers, inFlight, inFlight === 1 ? Math.min(3, SETTINGS.levelSeconds) : SETTINGS.levelSeconds);
    log(`  ${phase.booked} booked; backlog drained in ${phase.drainSeconds.toFixed(1)} s${phase.drained ? '' : ' (NOT drained)'}`);
    measured.push(phase);
  }
  return measured;
}

/** The first run's measurements beyond the levels: the decision path, the open loop, the race, reads, memory. */
async function firstRunExtras(
  ctx: ReturnType<typeof phaseContext>,
  bookers: Booker[],
  at32PerSecond: number,
  { patients, raceDoctor }: { patients: TestUser[]; raceDoctor: string },
) {
  const extras: Record<string, unknown> = {};
  log('the decision path alone: 32 in flight, emails and PDFs held back…');
  await freshTokens(patients);
  extras.decisionPath = await decisionPhase(ctx, bookers, 32, SETTINGS.levelSeconds);

  const rate = Math.max(1, at32PerSecond / 2);
  log(`open loop: ${rate.toFixed(1)} bookings/s offered for ${SETTINGS.openLoopSeconds} s…`);
  await freshTokens(patients);
  extras.openLoop = await openLoopPhase(ctx, bookers, rate, SETTINGS.openLoopSeconds);

  log(`race: ${RACERS} patients for ${RACE_SLOTS} slots…`);
  const raceSlots = (await allSlots(raceDoctor, 2)).slice(0, RACE_SLOTS);
  await freshTokens(patients);
  // Until the last answer (the winners' emails and PDFs come after): what each request cost, by process,
  // and the bench's own (the 500 clients), which shares the two cores.
  const cpuBefore = cpuMsByProcess(profile.stateDir);
  const benchBefore = process.cpuUsage();
  const raced = await race(gateway, raceDoctor, raceSlots, patients);
  const benchSpent = process.cpuUsage(benchBefore);
  extras.race = {
    ...raced,
    cpuMsPerRequest: cpuPer(
      { ...cpuSpent(cpuBefore, cpuMsByProcess(profile.stateDir)), 'the bench (clients)': (benchSpent.user + benchSpent.system) / 1000 },
      raced.racers,
    ),
  };
  await backlog.drain();

  log('reads: available slots and the doctor list, 32 connections…');
  extras.reads = {
    availableSlots: await reads(
      gateway,
      `/api/doctors/${bookers[0]!.doctorId}/available-slots?date=${clinicDate(1)}`,
      32,
      SETTINGS.readSeconds,
    ),
    doctorList: await reads(gateway, '/api/doctors', 32, SETTINGS.readSeconds),
  };
  Object.assign(extras, await memoryAfterTheLoad());
  return extras;
}

/**
 * Each service's resident set right after the load, and again once the services have been quiet long
 * enough to give back what the load left (service-kit's memory trim; the target's reading), with the V8
 * heap then and each process's peak (VmHWM) over the whole run.
 */
async function memoryAfterTheLoad() {
  const names = Object.keys(platform!.urls);
  const byName = (read: (name: string) => number) => Object.fromEntries(names.map((name) => [name, Math.round(read(name))]));
  const memoryRightAfterMb = byName((name) => statusMb(pidOf(name), 'VmRSS'));
  log(`memory: right after the load, then after ${QUIET_SECONDS} s with nothing asked…`);
  await quietSpell();
  return {
    memoryRightAfterMb,
    memoryMb: byName((name) => statusMb(pidOf(name), 'VmRSS')),
    memoryPeakMb: byName((name) => statusMb(pidOf(name), 'VmHWM')),
    quietSeconds: QUIET_SECONDS,
    heapMb: Object.fromEntries(await Promise.all(names.map(async (name) => [name, await heapMb(name)] as const))),
  };
}

/** What of a process's resident set V8 holds: its heap, used and reserved, and memory outside it (Buffers), and its memory trims so far, from its metrics. */
async function heapMb(name: string) {
  const samples = await readMetrics(name).catch(() => []);
  // Unread metrics print nothing rather than a heap of 0 MB.
  if (samples.length === 0) return undefined;
  const mb = (metric: string) => Math.round(sumOf(samples, metric) / 2 ** 20);
  return {
    used: mb('nodejs_heap_size_used_bytes'),
    total: mb('nodejs_heap_size_total_bytes'),
    external: mb('nodejs_external_memory_bytes'),
    trims: sumOf(samples, 'clinic_memory_trims_total'),
  };
}

/** A process's resident set now (VmRSS) or at its peak (VmHWM), in MB. */
const statusMb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

// ---------------------------------------------------------------- the run
const result: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), loadAverageAtStart: loadavg() },
  tracing: SETTINGS.tracing,
};
try {
  if (!(await startPlatformWith(SETTINGS.shardCounts[0]!))) throw new Error('the services did not start');
  const settings = new pg.Client({ connectionString: infra.postgres.adminUrl });
  await settings.connect();
  const postgres: Record<string, string> = {};
  for (const name of ['fsync', 'synchronous_commit', 'server_version', 'shared_preload_libraries'])
    postgres[name] = (await settings.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
  result.postgres = postgres;
  await settings.end();

  log(`creating ${DOCTORS + 1} doctors and ${RACERS} patients…`);
  const doctors = await Promise.all(Array.from({ length: DOCTORS + 1 }, () => createDoctor({ schedule: ALL_WEEK })));
  const patients = await createPatients(RACERS, 'bench');
  // Each signs in once as through the web app, whose first request makes the patient's profile in
  // user-service: their emails then go to a known address, as a real patient's do.
  for (let i = 0; i < patients.length; i += 20) {
    const answers = await Promise.all(patients.slice(i, i + 20).map((p) => http(`${gateway}/api/users/me`, { token: p.token })));
    if (answers.some((a) => a.status !== 200)) throw new Error('a patient profile could not be made');
  }
  const raceDoctor = doctors.pop()!.doctor.id;
  const bookers: Booker[] = [];
  for (const [k, { doctor }] of doctors.entries()) {
    bookers.push({ doctorId: doctor.id, patients: patients.filter((_, i) => i % DOCTORS === k), slots: await allSlots(doctor.id, 85) });
  }
  log(`${bookers.reduce((n, b) => n + b.slots.length, 0)} distinct slots over ${DOCTORS} doctors`);

  log('raw baseline: inserts into a scratch copy of the appointments table…');
  const appointmentsUrl = infra.postgres.roles.appointment_service.url;
  result.rawInserts = {
    clients32: await rawInserts(appointmentsUrl, 32, SETTINGS.rawSeconds),
    clients1: await rawInserts(appointmentsUrl, 1, SETTINGS.rawSeconds),
  };

  const booking: Record<string, unknown[]> = {};
  for (const [run, shards] of SETTINGS.shardCounts.entries()) {
    if (run > 0) {
      log(`restarting the services with ${shards} booking shards…`);
      if (!(await startPlatformWith(shards))) {
        result.shardsNotMeasured = `the services did not start with ${shards} shards`;
        break;
      }
    }
    // As long a warm-up after a restart as the load before the first run's 32 in flight.
    const ctx = await warmUp(bookers, run === 0 ? 1 : WARM_UP_AFTER_RESTART_SECONDS);
    const measured = await levels(ctx, bookers, run === 0 ? LEVELS : SHARDED_LEVELS, `${shards} shard(s)`);
    booking[`shards${shards}`] = measured;
    if (run === 0)
      Object.assign(
        result,
        await firstRunExtras(ctx, bookers, measured.find((l) => l.inFlight === 32)!.perSecond, { patients, raceDoctor }),
      );
  }
  result.booking = booking;

  if (SETTINGS.tracingOffRun) {
    log('restarting the services with tracing off (CLINIC_TRACING=off), 1 shard…');
    const configured = process.env.CLINIC_TRACING;
    process.env.CLINIC_TRACING = 'off';
    try {
      if (await startPlatformWith(1)) {
        const ctx = await warmUp(bookers, WARM_UP_AFTER_RESTART_SECONDS);
        result.tracingOff = await levels(ctx, bookers, [32], '1 shard, tracing off');
      } else result.tracingOff = 'the services did not start with tracing off';
    } finally {
      if (configured === undefined) delete process.env.CLINIC_TRACING;
      else process.env.CLINIC_TRACING = configured;
    }
  }
  result.loadAverageAtEnd = loadavg();
  result.targets = evaluateTargets(figuresForTargets(result));
  printReport(result);
  mkdirSync(dirname(RESULT_FILE), { recursive: true });
  writeFileSync(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nSaved to ${join('.devstack', 'bench', 'result.json')}`);
} finally {
  await backlog.close().catch(() => {});
  await statements.close().catch(() => {});
  await platform?.stop();
  await infra.stop();
  rmSync(stackFile, { force: true });
}

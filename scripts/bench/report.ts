// The bench's printed report, from the figures it saves as JSON.
import { busiestFirst, fmtCpu, fmtMs, fmtRate } from './figures.ts';
import type { cpuPer } from './cpu.ts';
import type { race as raceLoad, rawInserts, reads as readLoad } from './load.ts';
import type { BookingPhase, DecisionPhase, Measured, OpenLoopPhase } from './phases.ts';
import type { StatementFigures } from './statements.ts';
import type { TargetFigures, TargetLine } from './targets.ts';

type Raw = Awaited<ReturnType<typeof rawInserts>>;
interface Figures {
  machine: { cpus: number; memoryGb: number; loadAverageAtStart: number[] };
  loadAverageAtEnd: number[];
  postgres: Record<string, string>;
  tracing: string;
  rawInserts: { clients32: Raw; clients1: Raw };
  booking: Record<string, BookingPhase[]>;
  decisionPath: DecisionPhase;
  openLoop: OpenLoopPhase;
  tracingOff?: BookingPhase[] | string;
  race: Awaited<ReturnType<typeof raceLoad>> & { cpuMsPerRequest: ReturnType<typeof cpuPer> };
  reads: Record<'availableSlots' | 'doctorList', Awaited<ReturnType<typeof readLoad>>>;
  /** After the load, once the services were quiet for `quietSeconds` (right after it, in results written before the memory trim). */
  memoryMb: Record<string, number>;
  /** Absent in results written before they were measured. */
  memoryRightAfterMb?: Record<string, number>;
  memoryPeakMb?: Record<string, number>;
  quietSeconds?: number;
  heapMb?: Record<string, { used: number; total: number; external: number; trims?: number }>;
  targets: TargetLine[];
}

/** The rate the capacity lines are worked for: issue 22's example, or BENCH_CAPACITY_RATE. */
const CAPACITY_RATE = Number(process.env.BENCH_CAPACITY_RATE ?? 500) || 500;
const pad = (text: string, width: number) => text.padStart(width);
const latencies = (l: { p50: number; p95: number; p99: number }) => [l.p50, l.p95, l.p99].map((ms) => pad(fmtMs(ms), 9)).join(' ');
const at32 = (levels: BookingPhase[]) => levels.find((l) => l.inFlight === 32)!;

/** The figures issue 22's targets are about, from the saved result (1 shard, tracing as configured). */
export function figuresForTargets(saved: Record<string, unknown>): TargetFigures {
  const r = saved as unknown as Figures;
  const first = r.booking.shards1 ?? Object.values(r.booking)[0]!;
  const [largest, largestMb] = Object.entries(r.memoryMb).sort((a, b) => b[1] - a[1])[0]!;
  return {
    cpuPerBookingAt32: at32(first).cpuMsPerBookingTotal,
    decisionPerRawAt32: r.decisionPath.decision.perSecond / r.rawInserts.clients32.perSecond,
    loneBooking: first.find((l) => l.inFlight === 1)!,
    openLoopP99: r.openLoop.p99,
    race: r.race,
    availableSlots: r.reads.availableSlots,
    doctorListPerSecond: r.reads.doctorList.perSecond,
    largestRss: { name: largest, mb: largestMb, quietSeconds: r.quietSeconds },
  };
}

/** CPU ms per booking by process, one column per measured phase, with the total and the idle upkeep. */
function printCpu(columns: Array<{ title: string; phase: Measured }>) {
  console.log(`  ${'process'.padEnd(28)} ${columns.map((c) => pad(c.title, 9)).join(' ')}`);
  const names = [...new Set(columns.flatMap((c) => Object.keys(c.phase.cpuMsPerBooking)))].sort();
  for (const name of names)
    console.log(`  ${name.padEnd(28)} ${columns.map((c) => pad(fmtCpu(c.phase.cpuMsPerBooking[name]), 9)).join(' ')}`);
  console.log(`  ${'all'.padEnd(28)} ${columns.map((c) => pad(fmtCpu(c.phase.cpuMsPerBookingTotal), 9)).join(' ')}`);
  console.log(`  ${'  of which idle upkeep'.padEnd(28)} ${columns.map((c) => pad(fmtCpu(c.phase.idleCpuMsPerBooking), 9)).join(' ')}`);
  const net = (phase: Measured) => phase.cpuMsPerBookingTotal - phase.idleCpuMsPerBooking;
  console.log(`  ${'  all but idle upkeep'.padEnd(28)} ${columns.map((c) => pad(fmtCpu(net(c.phase)), 9)).join(' ')}`);
  console.log(
    `  ${'drain (s)'.padEnd(28)} ${columns.map((c) => pad(`${c.phase.drainSeconds.toFixed(1)}${c.phase.drained ? '' : '!'}`, 9)).join(' ')}`,
  );
}

/** Statements and rows per booking by database role, one column pair per phase. */
function printStatements(columns: Array<{ title: string; statements: StatementFigures }>) {
  console.log(`  ${'role'.padEnd(28)} ${columns.map((c) => pad(`${c.title} st`, 9) + pad('rows', 7)).join(' ')}`);
  const roles = [...new Set(columns.flatMap((c) => Object.keys(c.statements.byRole)))].sort();
  const cell = (n: number | undefined, width: number) => pad(n === undefined || Number.isNaN(n) ? '–' : n.toFixed(1), width);
  for (const role of roles) {
    const cells = columns.map(
      (c) => cell(c.statements.byRole[role]?.statementsPerBooking, 9) + cell(c.statements.byRole[role]?.rowsPerBooking, 7),
    );
    console.log(`  ${role.padEnd(28)} ${cells.join(' ')}`);
  }
  console.log(
    `  ${'all'.padEnd(28)} ${columns.map((c) => cell(c.statements.statementsPerBooking, 9) + cell(c.statements.rowsPerBooking, 7)).join(' ')}`,
  );
}

function printMostExpensive(statements: StatementFigures) {
  console.log(`  ${'ms/booking'.padStart(10)} ${'calls/booking'.padStart(13)} ${'rows/call'.padStart(9)}  role: statement`);
  for (const s of statements.mostExpensive) {
    const text = s.query.length > 150 ? `${s.query.slice(0, 147)}…` : s.query;
    console.log(
      `  ${pad(fmtCpu(s.msPerBooking), 10)} ${pad(s.callsPerBooking.toFixed(2), 13)} ${pad(s.rowsPerCall.toFixed(1), 9)}  ${s.role}: ${text}`,
    );
  }
}

function printLevels(title: string, levels: BookingPhase[], raw: Figures['rawInserts']) {
  console.log(`\n${title}`);
  console.log(`  in flight   booked/s   ÷ raw@32    ÷ raw@1       p50       p95       p99   answers`);
  for (const l of levels) {
    const ratios = [raw.clients32, raw.clients1].map((r) => pad((l.perSecond / r.perSecond).toFixed(3), 10)).join(' ');
    console.log(
      `  ${pad(String(l.inFlight), 9)} ${pad(fmtRate(l.perSecond), 10)} ${ratios} ${latencies(l)}   ${JSON.stringify(l.statuses)}${l.ranOutOfSlots ? ' (ran out of slots)' : ''}`,
    );
  }
  console.log('\n  CPU ms per booking, each process with its children (load and drain of the backlog; /proc utime + stime)');
  printCpu(levels.map((l) => ({ title: `@${l.inFlight}`, phase: l })));
  console.log('\n  Statements and rows per booking by database role (pg_stat_statements, load and drain)');
  printStatements(levels.map((l) => ({ title: `@${l.inFlight}`, statements: l.statements })));
  console.log('\n  The five most expensive statements at 32 in flight (execution time per booking)');
  printMostExpensive(at32(levels).statements);
}

function printDecisionPath(d: DecisionPhase, raw: Figures['rawInserts']) {
  const l = d.decision;
  console.log("\nThe decision path alone: 32 in flight, notification-service's and the PDF renderer's events held back");
  console.log(
    `  ${fmtRate(l.perSecond)} booked (÷ raw@32 ${(l.perSecond / raw.clients32.perSecond).toFixed(3)}), p50 ${fmtMs(l.p50)}, p99 ${fmtMs(l.p99)}, answers ${JSON.stringify(l.statuses)}`,
  );
  console.log(
    `  events held, then released: ${JSON.stringify(d.heldEvents)}${d.reboundDuringTheLevel.length > 0 ? ` (NOT held throughout: ${d.reboundDuringTheLevel.join(', ')})` : ''}`,
  );
  console.log('\n  CPU ms per booking: the decision (load until decided and published) and the held work once released');
  printCpu([
    { title: 'decision', phase: l },
    { title: 'follow-up', phase: d.followUp },
  ]);
  console.log('\n  Statements and rows per booking by database role');
  printStatements([
    { title: 'decision', statements: l.statements },
    { title: 'follow-up', statements: d.followUp.statements },
  ]);
}

function printOpenLoop(o: OpenLoopPhase) {
  console.log(`\nOpen loop: ${fmtRate(o.offeredPerSecond)} offered (half the 32-in-flight rate) for ${o.seconds.toFixed(0)} s`);
  console.log(
    `  ${fmtRate(o.perSecond)} booked, latency from when each was due: ${latencies(o)} (p50, p95, p99), answers ${JSON.stringify(o.statuses)}`,
  );
  console.log(
    `  CPU per booking ${fmtCpu(o.cpuMsPerBookingTotal)} ms; ${o.statements.statementsPerBooking.toFixed(1)} statements per booking`,
  );
}

function printTracingCost(on: BookingPhase, off: BookingPhase[] | string | undefined, tracing: string) {
  console.log(`\nThe cost of tracing: 32 in flight, 1 shard, tracing ${tracing} against tracing off (services restarted)`);
  if (typeof off !== 'object') {
    console.log(`  not measured: ${off ?? 'BENCH_TRACING_OFF=skip, or tracing was off to begin with'}`);
    return;
  }
  const offAt32 = at32(off);
  const diff = {
    ...on,
    cpuMsPerBooking: {} as Record<string, number>,
    cpuMsPerBookingTotal: on.cpuMsPerBookingTotal - offAt32.cpuMsPerBookingTotal,
  };
  for (const name of Object.keys(on.cpuMsPerBooking))
    diff.cpuMsPerBooking[name] = on.cpuMsPerBooking[name]! - (offAt32.cpuMsPerBooking[name] ?? 0);
  diff.idleCpuMsPerBooking = on.idleCpuMsPerBooking - offAt32.idleCpuMsPerBooking;
  printCpu([
    { title: 'on', phase: on },
    { title: 'off', phase: offAt32 },
    { title: 'on − off', phase: diff },
  ]);
  console.log(
    `  bookings/s ${fmtRate(on.perSecond)} on, ${fmtRate(offAt32.perSecond)} off; p99 ${fmtMs(on.p99)} on, ${fmtMs(offAt32.p99)} off`,
  );
  console.log(`  the idle stack: ${on.idleCpuMsPerSecond.toFixed(0)} ms of CPU a second on, ${offAt32.idleCpuMsPerSecond.toFixed(0)} off`);
}

/**
 * The cores each process of the stack would need for `perSecond` bookings a second at this run's CPU
 * per booking (32 in flight, load and drain): the README's capacity model, worked for one rate.
 */
function printCapacity(at32Phase: BookingPhase, decision: DecisionPhase, perSecond: number) {
  console.log(
    `\nCapacity at ${perSecond} bookings/s: cores by process at this run's CPU per booking (32 in flight; README, "Capacity model")`,
  );
  const cores = (ms: number | undefined) => pad(ms === undefined || Number.isNaN(ms) ? '–' : ((ms * perSecond) / 1000).toFixed(2), 9);
  console.log(`  ${'process'.padEnd(28)} ${pad('all work', 9)} ${pad('decision', 9)}`);
  for (const name of Object.keys(at32Phase.cpuMsPerBooking).sort()) {
    console.log(`  ${name.padEnd(28)} ${cores(at32Phase.cpuMsPerBooking[name])} ${cores(decision.decision.cpuMsPerBooking[name])}`);
  }
  console.log(`  ${'all'.padEnd(28)} ${cores(at32Phase.cpuMsPerBookingTotal)} ${cores(decision.decision.cpuMsPerBookingTotal)}`);
}

export function printReport(saved: Record<string, unknown>): void {
  const r = saved as unknown as Figures;
  const fmtLoad = (load: number[]) => load.map((n) => n.toFixed(2)).join(' ');
  console.log(
    `\nMachine: ${r.machine.cpus} cores, ${r.machine.memoryGb} GB; load average ${fmtLoad(r.machine.loadAverageAtStart)} at the start, ${fmtLoad(r.loadAverageAtEnd)} at the end (1, 5, 15 min)`,
  );
  console.log(`PostgreSQL ${JSON.stringify(r.postgres)}; tracing ${r.tracing}`);
  console.log('\nRaw baseline: one-row insert transactions into a copy of the appointments table');
  console.log(`  clients   inserts/s       p50       p95       p99`);
  for (const raw of [r.rawInserts.clients32, r.rawInserts.clients1])
    console.log(`  ${pad(String(raw.clients), 7)} ${pad(fmtRate(raw.perSecond), 11)} ${latencies(raw)}`);

  for (const [key, levels] of Object.entries(r.booking)) {
    printLevels(
      `Booking through the gateway, distinct slots, ${key.replace('shards', '')} booking shard(s), 3 appointment-service replicas`,
      levels,
      r.rawInserts,
    );
  }
  printDecisionPath(r.decisionPath, r.rawInserts);
  printOpenLoop(r.openLoop);
  const first = r.booking.shards1 ?? Object.values(r.booking)[0]!;
  printTracingCost(at32(first), r.tracingOff, r.tracing);
  printCapacity(at32(first), r.decisionPath, CAPACITY_RATE);

  console.log(`\n${r.race.racers} patients racing for ${r.race.slots} slots`);
  console.log(`  winners ${r.race.winners}, answers ${JSON.stringify(r.race.statuses)}, ${latencies(r.race)} (p50, p95, p99)`);
  const raceCpu = r.race.cpuMsPerRequest;
  const noticeable = Object.fromEntries(Object.entries(raceCpu.byProcess).filter(([, ms]) => ms >= 0.05));
  console.log(
    `  CPU ms per request until the last answer: ${raceCpu.total.toFixed(2)} in all (${busiestFirst(noticeable, (ms) => ms.toFixed(2))})`,
  );
  console.log('\nReads through the gateway, 32 connections (autocannon)');
  for (const read of Object.values(r.reads)) {
    console.log(
      `  ${read.url.padEnd(70)} ${pad(fmtRate(read.perSecond), 9)}  p50 ${pad(fmtMs(read.p50), 7)}  p99 ${pad(fmtMs(read.p99), 7)}  non-2xx ${read.non2xx}, errors ${read.errors}`,
    );
  }
  printMemory(r);

  console.log('\nTargets (issue 22)');
  console.log(`  ${'figure'.padEnd(66)} ${pad('value', 16)}   ${'must'.padEnd(20)} ${'goal'.padEnd(20)}`);
  for (const t of r.targets) {
    const verdict = (text: string, met: boolean) => `${text} ${met ? 'met' : 'MISSED'}`.padEnd(20);
    console.log(`  ${t.figure.padEnd(66)} ${pad(t.value, 16)}   ${verdict(t.must, t.mustMet)} ${verdict(t.goal, t.goalMet)}`);
  }
}

/** Each service's resident set right after the load, once quiet (the target's), and at its peak, in MB. */
function printMemory(r: Figures) {
  const quiet = r.quietSeconds === undefined ? 'after the load' : `after ${r.quietSeconds} s quiet`;
  console.log(`\nMemory (resident set, MB): right after the load, ${quiet} (the target's reading), and the peak over the run`);
  console.log(`  ${'process'.padEnd(28)} ${pad('right after', 11)} ${pad('quiet', 7)} ${pad('peak', 6)}  V8 heap when quiet`);
  const mb = (value: number | undefined) => (value === undefined ? '–' : String(value));
  for (const [name, quietMb] of Object.entries(r.memoryMb)) {
    const heap = r.heapMb?.[name];
    const trims = heap?.trims === undefined ? '' : `; trims so far ${heap.trims}`;
    const of = heap ? `${heap.used} MB used of ${heap.total} MB, ${heap.external} MB outside it${trims}` : '';
    console.log(
      `  ${name.padEnd(28)} ${pad(mb(r.memoryRightAfterMb?.[name]), 11)} ${pad(mb(quietMb), 7)} ${pad(mb(r.memoryPeakMb?.[name]), 6)}  ${of}`,
    );
  }
}

// The booking phases, each measured whole: its load, then the drain of what it left behind, with the
// CPU every process of the stack spent on both and the statements PostgreSQL ran, per booking made.
import { setTimeout as sleep } from 'node:timers/promises';
import type { BacklogReader, Rabbit } from './backlog.ts';
import { cpuMsByProcess, cpuPer, cpuSpent } from './cpu.ts';
import { holdEventConsumers } from './hold.ts';
import { bookingLoad, openLoad, type Booker } from './load.ts';
import type { StatementCounter, StatementFigures } from './statements.ts';

/** A little over the services' span batch delay (OTEL_BSP_SCHEDULE_DELAY, 1 s in service-kit). */
const SPANS_SENT_SECONDS = 1.5;

export interface PhaseContext {
  gateway: string;
  stateDir: string;
  rabbit: Rabbit;
  amqpUrl: string;
  backlog: BacklogReader;
  statements: StatementCounter;
  /** The CPU the stack uses per second when idle, measured before the levels of this platform run. */
  idleMsPerSecond: number;
}

export interface Measured {
  booked: number;
  drainSeconds: number;
  drained: boolean;
  cpuMsPerBooking: Record<string, number>;
  cpuMsPerBookingTotal: number;
  /** What the stack would have used meanwhile without a booking (its periodic work), part of the total. */
  idleCpuMsPerBooking: number;
  /** The idle stack's CPU per second that idleCpuMsPerBooking was worked from. */
  idleCpuMsPerSecond: number;
  statements: StatementFigures;
}

/** Runs `work`, drains (leaving `ignoredQueues` alone), and divides the CPU and statements by its bookings. */
async function measured<T extends { booked: number }>(
  ctx: PhaseContext,
  work: () => Promise<T>,
  ignoredQueues?: ReadonlySet<string>,
): Promise<T & Measured> {
  await ctx.statements.reset();
  const before = cpuMsByProcess(ctx.stateDir);
  const started = performance.now();
  const load = await work();
  const drained = await ctx.backlog.drain(ignoredQueues);
  // The services send their spans in batches once a second: the last ones of this phase, and Jaeger's
  // work on them, are counted here rather than in the next phase.
  await sleep(SPANS_SENT_SECONDS * 1000);
  const cpu = cpuPer(cpuSpent(before, cpuMsByProcess(ctx.stateDir)), load.booked);
  const elapsedSeconds = (performance.now() - started) / 1000;
  return {
    ...load,
    drainSeconds: drained.seconds,
    drained: drained.drained,
    cpuMsPerBooking: cpu.byProcess,
    cpuMsPerBookingTotal: cpu.total,
    idleCpuMsPerBooking: load.booked === 0 ? NaN : (ctx.idleMsPerSecond * elapsedSeconds) / load.booked,
    idleCpuMsPerSecond: ctx.idleMsPerSecond,
    statements: await ctx.statements.read(load.booked),
  };
}

/** `inFlight` bookings at a time for `seconds`, everything that follows them included. */
export const bookingPhase = (ctx: PhaseContext, bookers: Booker[], inFlight: number, seconds: number) =>
  measured(ctx, () => bookingLoad(ctx.gateway, bookers, inFlight, seconds));

export type BookingPhase = Awaited<ReturnType<typeof bookingPhase>>;

/**
 * The decision path alone: `inFlight` bookings at a time while notification-service's events and the
 * PDF renderer's are held back, measured until every booking is decided and its events published;
 * then the held events released and drained, measured apart. Both parts fit well inside a minute, so
 * notification-service's catch-up (events unprocessed for 60 s) does not take the held events up.
 */
export async function decisionPhase(ctx: PhaseContext, bookers: Booker[], inFlight: number, seconds: number) {
  const held = await holdEventConsumers(ctx.rabbit, ctx.amqpUrl);
  let decision: BookingPhase | undefined;
  let release: Awaited<ReturnType<typeof held.release>> | undefined;
  try {
    decision = await measured(ctx, () => bookingLoad(ctx.gateway, bookers, inFlight, seconds), held.queues);
  } finally {
    // Released whatever happened: the queues must be bound again for the rest of the run.
    if (!decision) await held.release();
  }
  const booked = decision.booked;
  const followUp = await measured(ctx, async () => {
    release = await held.release();
    return { booked };
  });
  return { decision, followUp, heldEvents: release!.moved, reboundDuringTheLevel: release!.rebound };
}

export type DecisionPhase = Awaited<ReturnType<typeof decisionPhase>>;

/** Bookings offered at a constant rate for `seconds` (open loop), everything that follows them included. */
export const openLoopPhase = (ctx: PhaseContext, bookers: Booker[], perSecond: number, seconds: number) =>
  measured(ctx, () => openLoad(ctx.gateway, bookers, perSecond, seconds));

export type OpenLoopPhase = Awaited<ReturnType<typeof openLoopPhase>>;

// Issue 22's targets (2 cores; ratios and CPU from the same run), each figure with its "must" and its
// "goal", met or missed.
import { fmtMs } from './figures.ts';

export interface TargetLine {
  figure: string;
  value: string;
  must: string;
  goal: string;
  mustMet: boolean;
  goalMet: boolean;
}

export const TARGETS = {
  cpuPerBookingAt32Ms: { must: 20, goal: 12 },
  decisionPerRawAt32: { must: 0.1, goal: 0.2 },
  loneBookingMs: { must: { p50: 15, p99: 40 }, goal: { p50: 8, p99: 25 } },
  openLoopP99Ms: { must: 150, goal: 100 },
  raceP99Ms: { must: 500, goal: 300 },
  slotsP99Ms: { must: 50, goal: 30 },
  slotsPerDoctorListRate: { must: 0.9, goal: 1.0 },
  serviceRssMb: { must: 200, goal: 150 },
};

export interface TargetFigures {
  /** CPU ms per booking across the stack at 32 in flight, load and drain (1 shard, tracing as configured). */
  cpuPerBookingAt32: number;
  /** Bookings/s at 32 in flight with the event consumers held back ÷ raw inserts/s at 32 clients. */
  decisionPerRawAt32: number;
  loneBooking: { p50: number; p99: number };
  openLoopP99: number;
  race: { racers: number; winners: number; slots: number; p99: number };
  availableSlots: { p99: number; perSecond: number };
  doctorListPerSecond: number;
  /** `quietSeconds`: how long the services had been quiet when it was read (absent: right after the load). */
  largestRss: { name: string; mb: number; quietSeconds?: number };
}

export function evaluateTargets(f: TargetFigures): TargetLine[] {
  const t = TARGETS;
  const lone = (limit: { p50: number; p99: number }) => f.loneBooking.p50 <= limit.p50 && f.loneBooking.p99 <= limit.p99;
  const race = (p99: number) => f.race.winners === f.race.slots && f.race.p99 < p99;
  const slotsRatio = f.availableSlots.perSecond / f.doctorListPerSecond;
  const slots = (p99: number, ratio: number) => f.availableSlots.p99 < p99 && slotsRatio >= ratio;
  return [
    {
      figure: 'CPU per booking across the stack at 32 in flight (load + drain)',
      value: `${f.cpuPerBookingAt32.toFixed(1)} ms`,
      must: `≤ ${t.cpuPerBookingAt32Ms.must} ms`,
      goal: `≤ ${t.cpuPerBookingAt32Ms.goal} ms`,
      mustMet: f.cpuPerBookingAt32 <= t.cpuPerBookingAt32Ms.must,
      goalMet: f.cpuPerBookingAt32 <= t.cpuPerBookingAt32Ms.goal,
    },
    {
      figure: 'decision path: bookings/s at 32 in flight ÷ raw inserts/s at 32',
      value: f.decisionPerRawAt32.toFixed(3),
      must: `≥ ${t.decisionPerRawAt32.must}`,
      goal: `≥ ${t.decisionPerRawAt32.goal}`,
      mustMet: f.decisionPerRawAt32 >= t.decisionPerRawAt32.must,
      goalMet: f.decisionPerRawAt32 >= t.decisionPerRawAt32.goal,
    },
    {
      figure: 'a lone booking, p50 / p99',
      value: `${fmtMs(f.loneBooking.p50)} / ${fmtMs(f.loneBooking.p99)}`,
      must: `≤ ${t.loneBookingMs.must.p50} / ${t.loneBookingMs.must.p99} ms`,
      goal: `≤ ${t.loneBookingMs.goal.p50} / ${t.loneBookingMs.goal.p99} ms`,
      mustMet: lone(t.loneBookingMs.must),
      goalMet: lone(t.loneBookingMs.goal),
    },
    {
      figure: 'open-loop p99 at half the measured throughput',
      value: fmtMs(f.openLoopP99),
      must: `< ${t.openLoopP99Ms.must} ms`,
      goal: `< ${t.openLoopP99Ms.goal} ms`,
      mustMet: f.openLoopP99 < t.openLoopP99Ms.must,
      goalMet: f.openLoopP99 < t.openLoopP99Ms.goal,
    },
    {
      figure: `race ${f.race.racers} → ${f.race.slots}: winners, p99`,
      value: `${f.race.winners}, ${fmtMs(f.race.p99)}`,
      must: `${f.race.slots}, < ${t.raceP99Ms.must} ms`,
      goal: `${f.race.slots}, < ${t.raceP99Ms.goal} ms`,
      mustMet: race(t.raceP99Ms.must),
      goalMet: race(t.raceP99Ms.goal),
    },
    {
      figure: 'available slots p99 (32 connections), rate ÷ doctor list rate',
      value: `${fmtMs(f.availableSlots.p99)}, ${slotsRatio.toFixed(2)}`,
      must: `< ${t.slotsP99Ms.must} ms, ≥ ${t.slotsPerDoctorListRate.must}`,
      goal: `< ${t.slotsP99Ms.goal} ms, ≥ ${t.slotsPerDoctorListRate.goal.toFixed(1)}`,
      mustMet: slots(t.slotsP99Ms.must, t.slotsPerDoctorListRate.must),
      goalMet: slots(t.slotsP99Ms.goal, t.slotsPerDoctorListRate.goal),
    },
    {
      figure: `largest service RSS after the load (${f.largestRss.name}${f.largestRss.quietSeconds ? `, ${f.largestRss.quietSeconds} s quiet` : ''})`,
      value: `${f.largestRss.mb} MB`,
      must: `< ${t.serviceRssMb.must} MB`,
      goal: `< ${t.serviceRssMb.goal} MB`,
      mustMet: f.largestRss.mb < t.serviceRssMb.must,
      goalMet: f.largestRss.mb < t.serviceRssMb.goal,
    },
  ];
}

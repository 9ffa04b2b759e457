import { isCovered, type Period } from './coverage.ts';

/**
 * The times a visit of `durationMinutes` can take: each starts on the schedule's grid (the start of one
 * of its slots) and lasts `durationMinutes` of real time, inside working hours (adjoining periods count
 * as one). Without a duration a visit is one slot, as the schedule cuts it.
 */
export function visitTimes(slots: readonly Period[], periods: readonly Period[], durationMinutes: number | undefined): Period[] {
  if (durationMinutes === undefined) return [...slots];
  const starts = [...new Map(slots.map((slot) => [slot.start.toMillis(), slot.start])).values()];
  return starts
    .map((start) => ({ start, end: start.plus({ minutes: durationMinutes }) }))
    .filter((visit) => isCovered(visit.start.toMillis(), visit.end.toMillis(), periods));
}

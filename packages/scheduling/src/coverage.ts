import type { DateTime } from 'luxon';

/** A stretch of real time: an entry's working hours on one date, or one slot. */
export interface Period {
  start: DateTime;
  end: DateTime;
}

// Whether the working periods together cover [start, end), so that a misfit between two adjoining
// entries counts as misaligned rather than outside the schedule.
export function isCovered(start: number, end: number, periods: readonly Period[]): boolean {
  let coveredUntil = start;
  for (const period of [...periods].sort((a, b) => a.start.toMillis() - b.start.toMillis())) {
    if (period.start.toMillis() > coveredUntil) break;
    coveredUntil = Math.max(coveredUntil, period.end.toMillis());
  }
  return coveredUntil >= end;
}

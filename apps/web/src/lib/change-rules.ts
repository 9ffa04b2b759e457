// The clinic's change cut-off as the app applies it before anyone tries (the server decides in the
// end, with the same boundary: appointment-service's appointment-rules.ts).

/** Where an appointment stands for changes: a patient may still change it, only staff may (inside the cut-off), or it began. */
export type ChangePhase = 'OPEN' | 'INSIDE' | 'STARTED';

const HOUR = 3_600_000;

/**
 * OPEN until `cutoffHours` before the start (that instant included), INSIDE from then until the
 * start, STARTED from the start on.
 */
export function changePhase(startTime: string, cutoffHours: number, now = Date.now()): ChangePhase {
  const untilStart = Date.parse(startTime) - now;
  if (untilStart <= 0) return 'STARTED';
  if (untilStart < cutoffHours * HOUR) return 'INSIDE';
  return 'OPEN';
}

/** The instant from which the patient can no longer change it online. */
export const changesCloseAt = (startTime: string, cutoffHours: number) =>
  new Date(Date.parse(startTime) - cutoffHours * HOUR).toISOString();

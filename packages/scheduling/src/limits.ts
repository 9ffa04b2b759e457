import type { ClosedDay, Interval } from './types.ts';

/** The clinic's closed day on the date, if it is one. */
export function closedDayOn(date: string, closedDays: readonly ClosedDay[] = []): ClosedDay | undefined {
  return closedDays.find((day) => day.date === date);
}

/** The earliest instant (epoch ms) a time may start at to be booked at `now` with the notice. */
export function earliestBookable(now: Date, minNoticeMinutes = 0): number {
  return now.getTime() + minNoticeMinutes * 60_000;
}

/**
 * A busy interval widened by the buffer on both sides: the buffer follows each appointment, and a new
 * one must leave it free before the next appointment too.
 */
export function padded(interval: Interval, bufferMinutes = 0): Interval {
  if (bufferMinutes <= 0) return interval;
  const buffer = bufferMinutes * 60_000;
  return { start: new Date(interval.start.getTime() - buffer), end: new Date(interval.end.getTime() + buffer) };
}

import type { TimeOff } from './types.ts';
import { addDays, localDate } from './wall-clock.ts';

/** Whether the date is before today in the clinic's zone. */
export function isPastDate(date: string, now: Date, timeZone: string): boolean {
  return date < localDate(now, timeZone);
}

/** Whether the date is more than horizonDays after today in the clinic's zone. */
export function isBeyondHorizon(date: string, now: Date, timeZone: string, horizonDays: number): boolean {
  return date > addDays(localDate(now, timeZone), horizonDays);
}

export function isOnTimeOff(date: string, timeOff: readonly TimeOff[]): boolean {
  return timeOff.some((off) => off.startDate <= date && date <= off.endDate);
}

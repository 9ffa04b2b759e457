import { isCovered } from './coverage.ts';
import { isOnTimeOff } from './booking-days.ts';
import { workingPeriods } from './slots.ts';
import type { Interval, ScheduleEntry, TimeOff } from './types.ts';
import { assertTimeZone, localDate } from './wall-clock.ts';

/** Why a booked interval lost its place in the doctor's calendar. */
export type Misfit = 'TIME_OFF' | 'OUTSIDE_SCHEDULE';

export interface FitQuery extends Interval {
  timeZone: string;
  schedule: readonly ScheduleEntry[];
  timeOff: readonly TimeOff[];
}

/**
 * Whether an interval booked earlier still has its place after the doctor's schedule or time off
 * changed: undefined when it does, otherwise why not (its date, in the clinic's zone, is a day off; or
 * no working hours of that date cover it). Only those two count: an appointment keeps its time when the
 * slot grid changes, the booking horizon moves or its start comes, which decide new bookings only.
 */
export function misfitOf(query: FitQuery): Misfit | undefined {
  const { start, end, timeZone, schedule, timeOff } = query;
  assertTimeZone(timeZone);
  const date = localDate(start, timeZone);
  if (isOnTimeOff(date, timeOff)) return 'TIME_OFF';
  if (!isCovered(start.getTime(), end.getTime(), workingPeriods(date, timeZone, schedule))) return 'OUTSIDE_SCHEDULE';
  return undefined;
}

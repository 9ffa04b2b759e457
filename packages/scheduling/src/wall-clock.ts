import { DateTime, IANAZone } from 'luxon';
import type { Interval } from './types.ts';

/** The clinic's time zone unless configured otherwise. */
export const DEFAULT_TIME_ZONE = 'Europe/Bucharest';

const MINUTES_PER_DAY = 24 * 60;

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const END_OF_DAY = '24:00';
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Fixed-width, so wall-clock readings compare correctly as strings.
const WALL_CLOCK_FORMAT = "yyyy-MM-dd'T'HH:mm";
const CALENDAR_DATE_FORMAT = 'yyyy-MM-dd';
const INSTANT_FORMAT = "yyyy-MM-dd'T'HH:mm:ssZZ";

/**
 * Minutes since midnight of an 'HH:MM' time (00:00–23:59), or undefined when it is not one.
 * With `endOfDayAllowed`, '24:00' is read as the midnight that ends the day (1440).
 */
export function parseClockTime(text: string, { endOfDayAllowed = false } = {}): number | undefined {
  if (endOfDayAllowed && text === END_OF_DAY) return MINUTES_PER_DAY;
  const match = CLOCK_TIME.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Whether the text is a real calendar date written 'YYYY-MM-DD'. */
export function isCalendarDate(text: string): boolean {
  return CALENDAR_DATE.test(text) && calendarDay(text).isValid;
}

export function assertTimeZone(timeZone: string): void {
  if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`Unknown IANA time zone: ${timeZone}`);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  return calendarDay(date).weekday;
}

export function addDays(date: string, days: number): string {
  return calendarDay(date).plus({ days }).toFormat(CALENDAR_DATE_FORMAT);
}

/** The calendar date an instant falls on in the time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat(CALENDAR_DATE_FORMAT);
}

/** ISO-8601 with the zone's offset and no fraction of a second: 2026-03-30T09:00:00+03:00. */
export function formatInstant(instant: DateTime): string {
  return instant.toFormat(INSTANT_FORMAT);
}

/**
 * The instant meant by a wall-clock time on a date in the time zone: the first instant at which the
 * clinic's clock reads that time or later. So a time that occurs twice (clocks going back) means its
 * first occurrence, and a time the clocks skip (going forward) means the instant of the jump. Unlike
 * reading skipped times with the old offset, this never reorders times, so entries that do not overlap
 * on the wall clock never overlap in real time. `minutes` may be 1440: midnight at the end of the day.
 */
export function wallClockInstant(date: string, minutes: number, timeZone: string): DateTime {
  const wanted = calendarDay(date).plus({ minutes }).toFormat(WALL_CLOCK_FORMAT);
  const reading = DateTime.fromISO(wanted, { zone: timeZone });
  if (!reading.isValid) throw new RangeError(`Cannot read ${wanted} in time zone ${timeZone}`);
  if (reading.toFormat(WALL_CLOCK_FORMAT) === wanted) return earliest(reading.getPossibleOffsets());
  return clockJumpPast(reading, wanted);
}

/**
 * The real time a calendar date spans in the time zone, from its first instant to the next date's:
 * 23 or 25 hours on the days the clocks change. Every slot of the date lies within it.
 */
export function dayInterval(date: string, timeZone: string): Interval {
  assertTimeZone(timeZone);
  return {
    start: wallClockInstant(date, 0, timeZone).toJSDate(),
    end: wallClockInstant(date, MINUTES_PER_DAY, timeZone).toJSDate(),
  };
}

// Luxon reads a skipped time with the offset from before the jump, which lands after the jump; step
// back to the jump, the first instant whose reading is past the skipped one (at most the gap's length).
function clockJumpPast(afterJump: DateTime, skipped: string): DateTime {
  let jump = afterJump;
  for (
    let previous = jump.minus({ minutes: 1 });
    previous.toFormat(WALL_CLOCK_FORMAT) >= skipped;
    previous = previous.minus({ minutes: 1 })
  ) {
    jump = previous;
  }
  return jump;
}

function earliest(instants: DateTime[]): DateTime {
  return instants.reduce((first, instant) => (instant.toMillis() < first.toMillis() ? instant : first));
}

// UTC has no clock changes, so arithmetic on it is plain calendar arithmetic.
function calendarDay(date: string): DateTime {
  return DateTime.fromISO(date, { zone: 'UTC' });
}

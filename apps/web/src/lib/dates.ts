// Dates and times as the clinic sees them: calendar dates are 'YYYY-MM-DD' in the clinic's time zone,
// instants are ISO strings; everything shown is formatted in that zone and the chosen locale.
import type { AvailabilityDay, Slot } from './types.ts';

export const DEFAULT_TIME_ZONE = 'Europe/Bucharest';

const DAY_MS = 86_400_000;

/** Intl's name for the app's languages. */
export const intlLocale = (language: string) => (language === 'en' ? 'en-GB' : 'ro-RO');

/** The calendar date of an instant in a zone. */
export function dateIn(instant: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

export const clinicToday = (timeZone: string, now = new Date()) => dateIn(now, timeZone);

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

/** The Monday of the date's week. */
export const mondayOf = (date: string) => addDays(date, 1 - isoWeekday(date));

export const isCalendarDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && addDays(value, 0) === value;

/** The wall clock of an instant in a zone, field by field. */
function wallClockParts(
  instant: number | string,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** The wall-clock date and minute of the day of an instant in a zone. */
export function wallClock(instant: string, timeZone: string): { date: string; minute: number } {
  const parts = wallClockParts(instant, timeZone);
  const date = [parts.year, parts.month, parts.day].map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-');
  return { date, minute: parts.hour * 60 + parts.minute };
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = wallClockParts(instant, timeZone);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The instant a calendar date starts in the zone, as an ISO string (for API filters such as date_from). */
export function startOfDay(date: string, timeZone: string): string {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  let instant = midnightUtc - offsetMinutes(midnightUtc, timeZone) * 60_000;
  // Once more with the offset in force at the first guess: right across a change of the clocks too.
  instant = midnightUtc - offsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}

export function formatTime(instant: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

/** A calendar date, e.g. "lun., 30 mar." / "Mon 30 Mar"; `long` adds the year and full names. */
export function formatDate(date: string, language: string, style: 'short' | 'long' = 'short'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
      : { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(intlLocale(language), options).format(new Date(`${date}T00:00:00Z`));
}

export function formatDateTime(instant: string, language: string, timeZone: string): string {
  return `${formatDate(dateIn(instant, timeZone), language, 'long')}, ${formatTime(instant, language, timeZone)}`;
}

/** A week view's column: one date, its free times, or why it has none. */
export interface GridColumn {
  date: string;
  slots: Slot[];
  reason?: AvailabilityDay['reason'];
  closedDay?: AvailabilityDay['closed_day'];
  isToday: boolean;
}

/** The week's dates in order, each with its slots sorted; days the API left out count as not working. */
export function weekColumns(from: string, days: number, answer: readonly AvailabilityDay[], today: string): GridColumn[] {
  const byDate = new Map(answer.map((day) => [day.date, day]));
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(from, i);
    const day = byDate.get(date);
    const slots = [...(day?.slots ?? [])].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    return { date, slots, reason: day ? day.reason : 'NOT_WORKING', closedDay: day?.closed_day, isToday: date === today };
  });
}

/** The `count` free slots nearest in time to `instant` (before or after), soonest first on a tie. */
export function nearestSlots(days: readonly AvailabilityDay[], instant: string, count: number): Slot[] {
  const target = Date.parse(instant);
  return days
    .flatMap((day) => day.slots)
    .filter((slot) => slot.start !== instant)
    .sort(
      (a, b) =>
        Math.abs(Date.parse(a.start) - target) - Math.abs(Date.parse(b.start) - target) || Date.parse(a.start) - Date.parse(b.start),
    )
    .slice(0, count)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** The first `count` free slots from now on. */
export function nextSlots(days: readonly AvailabilityDay[], count: number, now = Date.now()): Slot[] {
  return days
    .flatMap((day) => day.slots)
    .filter((slot) => Date.parse(slot.start) >= now)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .slice(0, count);
}

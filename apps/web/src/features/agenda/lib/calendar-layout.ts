// Where things go on a calendar's time axis. Positions are wall-clock minutes of the clinic's day
// (09:30 is 570 whatever the offset), so a block lines up with the hour labels on the days the clocks
// change too; a time the clocks skip or repeat is placed where the wall clock shows it.
import { addDays, isoWeekday, wallClock } from '../../../lib/dates.ts';
import type { Appointment, ScheduleEntry, TimeOff } from '../../../lib/types.ts';

export const DAY_MINUTES = 24 * 60;

/** 'HH:MM' (or 'HH:MM:SS') as minutes of the day. */
export const clockMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** A span of a day's axis in minutes; `end` may be 1440 (midnight at the day's end). */
export interface Span {
  start: number;
  end: number;
}

/**
 * The part of an appointment that falls on `date`, in wall-clock minutes; undefined when none does.
 * One that runs past midnight ends at the day's end; one that began the day before starts at 0.
 */
export function spanOn(appointment: Pick<Appointment, 'start_time' | 'end_time'>, date: string, timeZone: string): Span | undefined {
  const start = wallClock(appointment.start_time, timeZone);
  const end = wallClock(appointment.end_time, timeZone);
  if (start.date > date || end.date < date || (end.date === date && end.minute === 0 && start.date < date)) return undefined;
  const from = start.date < date ? 0 : start.minute;
  const to = end.date > date ? DAY_MINUTES : end.minute;
  // Across the autumn change (03:30–03:10 on the clock) a block keeps a visible height.
  return { start: from, end: Math.max(to, from + 5) };
}

/** A block's place on an axis showing `window`: top and height in percent of the axis. */
export function blockBox(span: Span, window: Span): { top: number; height: number } {
  const length = window.end - window.start;
  const start = Math.max(span.start, window.start);
  const end = Math.min(span.end, window.end);
  return { top: ((start - window.start) / length) * 100, height: (Math.max(end - start, 0) / length) * 100 };
}

/** An item placed in a lane: overlapping items sit side by side, each `1 / lanes` of the width. */
export interface Laid<T> {
  item: T;
  span: Span;
  lane: number;
  lanes: number;
}

/**
 * Lanes for overlapping spans: items are taken in time order, each into the first lane free at its
 * start; a cluster of items that overlap one another (directly or through others) shares one lane count.
 */
export function layOut<T>(items: readonly { item: T; span: Span }[]): Laid<T>[] {
  const sorted = [...items].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const laid: Laid<T>[] = [];
  let cluster: Laid<T>[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;
  const close = () => cluster.forEach((entry) => (entry.lanes = laneEnds.length));
  for (const { item, span } of sorted) {
    if (span.start >= clusterEnd) {
      close();
      cluster = [];
      laneEnds = [];
    }
    let lane = laneEnds.findIndex((end) => end <= span.start);
    if (lane === -1) lane = laneEnds.push(span.end) - 1;
    else laneEnds[lane] = span.end;
    const entry = { item, span, lane, lanes: 1 };
    cluster.push(entry);
    laid.push(entry);
    clusterEnd = Math.max(clusterEnd, span.end);
  }
  close();
  return laid;
}

/** The schedule's working hours on a date (its weekday, inside the entries' validity). */
export function workingSpans(entries: readonly ScheduleEntry[], date: string): Span[] {
  const weekday = isoWeekday(date);
  return entries
    .filter((e) => e.weekday === weekday && (!e.valid_from || e.valid_from <= date) && (!e.valid_to || e.valid_to >= date))
    .map((e) => ({ start: clockMinutes(e.start_time), end: clockMinutes(e.end_time) || DAY_MINUTES }))
    .sort((a, b) => a.start - b.start);
}

/** The time off covering a date (both ends included), if any. */
export const timeOffOn = (timeOff: readonly TimeOff[], date: string) =>
  timeOff.find((off) => off.start_date <= date && date <= off.end_date);

/**
 * The hours an axis shows: whole hours around the working hours and the blocks and one more on each
 * side, 08:00–18:00 when there is nothing to show.
 */
export function axisWindow(spans: readonly Span[]): Span {
  if (spans.length === 0) return { start: 8 * 60, end: 18 * 60 };
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  // An hour more on each side, so that where the working hours begin and end shows.
  return { start: Math.max(Math.floor(start / 60) * 60 - 60, 0), end: Math.min(Math.ceil(end / 60) * 60 + 60, DAY_MINUTES) };
}

/** The hour marks of a window: 8, 9, … up to and without its end. */
export const hourMarks = (window: Span) => Array.from({ length: (window.end - window.start) / 60 }, (_, i) => window.start / 60 + i);

/** The dates of a view starting at `from`. */
export const viewDates = (from: string, days: number) => Array.from({ length: days }, (_, i) => addDays(from, i));

/** Cancelled appointments only when asked for. */
export const visibleAppointments = (appointments: readonly Appointment[], showCancelled: boolean) =>
  appointments.filter((a) => showCancelled || a.status !== 'CANCELLED');

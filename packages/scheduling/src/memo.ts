// Slot computations remembered for the hot paths (available slots in doctor-service, bookability in
// the booking worker). What a date offers depends only on the date, the zone, the schedule, the time
// off, the horizon and which day today is, never on what is booked nor on the time of day: it is kept
// under a key made of exactly those inputs, so a changed schedule or time off is a new key, never a
// stale answer. Each cache keeps its most recent `capacity` keys.
import { checkBookable } from './bookable.ts';
import { dateTimeFormat } from './formats.ts';
import { overlaps } from './intervals.ts';
import { earliestBookable, padded } from './limits.ts';
import { availableSlots } from './slots.ts';
import type { AvailableSlots, AvailableSlotsQuery, BookableCheck, BookableQuery, Interval, NoSlotsReason } from './types.ts';
import { dayInterval } from './wall-clock.ts';

/** A map that forgets its least recently used key past `capacity`. */
function lruCache<V>(capacity: number) {
  const entries = new Map<string, V>();
  return (key: string, compute: () => V): V => {
    const known = entries.get(key);
    if (known !== undefined) {
      // Most recently used last: the first key is the one to forget.
      entries.delete(key);
      entries.set(key, known);
      return known;
    }
    const value = compute();
    entries.set(key, value);
    if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    return value;
  };
}

/**
 * `dayInterval` remembered per date and zone: the library checks the zone with a new Intl formatter on
 * every call, which costs more than the rest of an available-slots answer.
 */
export function memoizedDayInterval(capacity = 2_000) {
  const cache = lruCache<Interval>(capacity);
  return (date: string, timeZone: string): Interval => cache(`${date} ${timeZone}`, () => dayInterval(date, timeZone));
}

/** The calendar date of an instant in the zone, YYYY-MM-DD (en-CA writes dates that way). */
const dateIn = (instant: Date, timeZone: string): string => dateTimeFormat('en-CA', { timeZone }).format(instant);

interface ScheduledDay {
  /** The schedule's slots of the date, with their instants as numbers for the per-request checks. */
  slots: Array<{ start: string; end: string; startMs: number; endMs: number }>;
  /** Why the date has no slot at all, whatever is booked (time off, not working, past, beyond the horizon). */
  reason?: NoSlotsReason;
}

type DayQuery = Omit<AvailableSlotsQuery, 'busy' | 'now' | 'minNoticeMinutes' | 'bufferMinutes'>;

/** What a date offers before anything is booked, as of the day `today`. */
function scheduledDays(capacity: number) {
  const cache = lruCache<ScheduledDay>(capacity);
  const dayOf = memoizedDayInterval(capacity);
  return (query: DayQuery, today: string): ScheduledDay =>
    cache(
      JSON.stringify([
        query.date,
        query.timeZone,
        query.horizonDays,
        today,
        query.schedule,
        query.timeOff,
        query.closedDays ?? [],
        query.durationMinutes ?? null,
      ]),
      () => {
        // Any instant of today answers the date checks as now does; the day's start is before every
        // slot, so none counts as begun. Notice and buffer depend on the moment and the bookings: not here.
        const { date, timeZone, schedule, timeOff, horizonDays, closedDays, durationMinutes } = query;
        const start = dayOf(today, timeZone).start;
        const answer = availableSlots({
          date,
          timeZone,
          schedule,
          timeOff,
          horizonDays,
          closedDays,
          durationMinutes,
          busy: [],
          now: start,
        });
        return {
          slots: answer.slots.map((slot) => ({ ...slot, startMs: Date.parse(slot.start), endMs: Date.parse(slot.end) })),
          ...(answer.reason ? { reason: answer.reason } : {}),
        };
      },
    );
}

/**
 * `availableSlots` with the costly part remembered: each request only drops the slots already begun
 * or overlapping an appointment, as `availableSlots` does.
 */
export function memoizedAvailableSlots(capacity = 2_000) {
  const scheduledDay = scheduledDays(capacity);
  return function memoized(query: AvailableSlotsQuery): AvailableSlots {
    // An invalid date or zone: the library's own answer (or RangeError), nothing to keep.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(query.date)) return availableSlots(query);
    const day = scheduledDay(query, dateIn(query.now, query.timeZone));
    if (day.reason) return { slots: [], reason: day.reason };
    const now = query.now.getTime();
    const blocked = query.busy.map((interval) => padded(interval, query.bufferMinutes));
    const free = day.slots.filter(
      (slot) =>
        slot.startMs >= now &&
        !blocked.some((interval) => overlaps({ start: new Date(slot.startMs), end: new Date(slot.endMs) }, interval)),
    );
    const earliest = earliestBookable(query.now, query.minNoticeMinutes);
    const bookable = free.filter((slot) => slot.startMs >= earliest);
    if (bookable.length === 0) return { slots: [], reason: free.length > 0 ? 'TOO_SOON' : 'FULLY_BOOKED' };
    return { slots: bookable.map(({ start, end }) => ({ start, end })) };
  };
}

/**
 * `checkBookable` with its common answer, "yes", found in memory: an interval is bookable exactly when
 * it is one of the slots its date offers and starts no sooner than the notice allows. Anything else goes to checkBookable,
 * which gives the exact reason.
 */
export function memoizedCheckBookable(capacity = 2_000) {
  const scheduledDay = scheduledDays(capacity);
  return function memoized(query: BookableQuery): BookableCheck {
    const start = query.start.getTime();
    const end = query.end.getTime();
    if (start >= earliestBookable(query.now, query.minNoticeMinutes) && start < end) {
      const day = scheduledDay({ ...query, date: dateIn(query.start, query.timeZone) }, dateIn(query.now, query.timeZone));
      if (day.slots.some((slot) => slot.startMs === start && slot.endMs === end)) return { ok: true };
    }
    return checkBookable(query);
  };
}

import {
  availableSlots,
  dayInterval,
  overlaps,
  type AvailableSlots,
  type AvailableSlotsQuery,
  type Interval,
  type NoSlotsReason,
} from '@clinic/scheduling';

interface ScheduledDay {
  /** The schedule's slots of the date, with their instants as numbers for the per-request filter. */
  slots: Array<{ start: string; end: string; startMs: number; endMs: number }>;
  /** Why the date has no slot at all, whatever is booked (time off, not working, past, beyond the horizon). */
  reason?: NoSlotsReason;
}

const todayFormats = new Map<string, Intl.DateTimeFormat>();
/** Today's date in the zone, YYYY-MM-DD (en-CA writes dates that way); the formatter is made once per zone. */
function today(now: Date, timeZone: string): string {
  let format = todayFormats.get(timeZone);
  if (!format) todayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone })));
  return format.format(now);
}

/**
 * `availableSlots` with the costly part computed once: a date's scheduled slots depend only on the
 * schedule, the time off, the zone, the horizon and which day today is, not on what is booked nor on
 * the time of day. They are kept (the most recent `capacity` dates) under a key made of exactly those
 * inputs, so a changed schedule or time off is a new key, never a stale answer; each request then only
 * drops the slots already begun or overlapping an appointment, as `availableSlots` does.
 */
export function memoizedAvailableSlots(capacity = 2_000) {
  const days = new Map<string, ScheduledDay>();
  const dayOf = memoizedDayInterval(capacity);

  function scheduledDay(query: AvailableSlotsQuery, todayDate: string): ScheduledDay {
    const key = JSON.stringify([query.date, query.timeZone, query.horizonDays, todayDate, query.schedule, query.timeOff]);
    const known = days.get(key);
    if (known) {
      // Most recently used last: the first key is the one to forget.
      days.delete(key);
      days.set(key, known);
      return known;
    }
    // Any instant of today (in the zone) answers the date checks as now does; the day's start is
    // before every slot, so none counts as begun.
    const startOfToday = dayOf(todayDate, query.timeZone).start;
    const answer = availableSlots({ ...query, busy: [], now: startOfToday });
    const day: ScheduledDay = {
      slots: answer.slots.map((slot) => ({ ...slot, startMs: Date.parse(slot.start), endMs: Date.parse(slot.end) })),
      ...(answer.reason ? { reason: answer.reason } : {}),
    };
    days.set(key, day);
    if (days.size > capacity) days.delete(days.keys().next().value!);
    return day;
  }

  return function memoized(query: AvailableSlotsQuery): AvailableSlots {
    // An invalid date or zone: the library's own answer (or RangeError), nothing to keep.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(query.date)) return availableSlots(query);
    const day = scheduledDay(query, today(query.now, query.timeZone));
    if (day.reason) return { slots: [], reason: day.reason };
    const now = query.now.getTime();
    const free = day.slots.filter(
      (slot) =>
        slot.startMs >= now &&
        !query.busy.some((interval) => overlaps({ start: new Date(slot.startMs), end: new Date(slot.endMs) }, interval)),
    );
    if (free.length === 0) return { slots: [], reason: 'FULLY_BOOKED' };
    return { slots: free.map(({ start, end }) => ({ start, end })) };
  };
}

/**
 * `dayInterval` remembered per date and zone (the most recent `capacity`): the library checks the zone
 * with a new Intl formatter on every call, which costs more than the rest of an available-slots answer.
 */
export function memoizedDayInterval(capacity = 2_000) {
  const known = new Map<string, Interval>();
  return (date: string, timeZone: string): Interval => {
    const key = `${date} ${timeZone}`;
    let interval = known.get(key);
    if (!interval) {
      interval = dayInterval(date, timeZone);
      known.set(key, interval);
      if (known.size > capacity) known.delete(known.keys().next().value!);
    }
    return interval;
  };
}

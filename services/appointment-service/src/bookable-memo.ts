import { availableSlots, checkBookable, dayInterval, type BookableCheck, type BookableQuery } from '@clinic/scheduling';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** The calendar date of an instant in the zone, YYYY-MM-DD; one formatter per zone. */
function localDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format)
    dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * `checkBookable` with its common answer, "yes", found in memory. An interval is bookable exactly
 * when it is one of the slots availableSlots offers on its date with nothing busy, and starts now or
 * later (checkBookable says so of itself). Those slots depend only on the date, the zone, the schedule,
 * the time off, the horizon and which day today is: they are computed once per such key (the most
 * recent `capacity` kept) instead of for every command, so a changed schedule or time off is a new
 * key, never a stale answer. Anything else goes to checkBookable, which gives the exact reason.
 */
export function memoizedCheckBookable(capacity = 2_000) {
  const days = new Map<string, Set<string>>();

  function slotsOf(query: BookableQuery, date: string, today: string): Set<string> {
    const key = JSON.stringify([date, query.timeZone, query.horizonDays, today, query.schedule, query.timeOff]);
    const known = days.get(key);
    if (known) {
      days.delete(key);
      days.set(key, known);
      return known;
    }
    // Any instant of today answers the date checks as now does; the day's start is before every slot.
    const { slots } = availableSlots({
      date,
      timeZone: query.timeZone,
      schedule: query.schedule,
      timeOff: query.timeOff,
      busy: [],
      now: dayInterval(today, query.timeZone).start,
      horizonDays: query.horizonDays,
    });
    const offered = new Set(slots.map((slot) => `${Date.parse(slot.start)}/${Date.parse(slot.end)}`));
    days.set(key, offered);
    if (days.size > capacity) days.delete(days.keys().next().value!);
    return offered;
  }

  return function memoized(query: BookableQuery): BookableCheck {
    const start = query.start.getTime();
    const end = query.end.getTime();
    if (start >= query.now.getTime() && start < end) {
      const offered = slotsOf(query, localDate(query.start, query.timeZone), localDate(query.now, query.timeZone));
      if (offered.has(`${start}/${end}`)) return { ok: true };
    }
    return checkBookable(query);
  };
}

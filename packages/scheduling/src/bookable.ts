import { isBeyondHorizon, isOnTimeOff } from './booking-days.ts';
import { closedDayOn, earliestBookable } from './limits.ts';
import { isCovered } from './coverage.ts';
import { visitTimes } from './durations.ts';
import { scheduledSlots, workingPeriods } from './slots.ts';
import type { BookableCheck, BookableQuery, BookingRejectionCode } from './types.ts';
import { assertTimeZone, localDate } from './wall-clock.ts';

/**
 * Whether [start, end) is exactly one slot the schedule offers on its date (the date of `start` in the
 * clinic's zone), ignoring appointments; with `durationMinutes` (a visit type's), a visit of that length
 * starting on a slot's start inside working hours. Accepts exactly the times that availableSlots offers
 * for that date when nothing is busy. The buffer is not checked here: it is about appointments, which
 * the booking worker checks against the padded interval.
 */
export function checkBookable(query: BookableQuery): BookableCheck {
  const { start, end, timeZone, schedule, timeOff, now, horizonDays, durationMinutes } = query;
  assertTimeZone(timeZone);
  if (!(start.getTime() < end.getTime())) {
    return reject('INVALID_INTERVAL', 'The interval needs a valid start before a valid end.');
  }
  if (start.getTime() < now.getTime()) return reject('IN_PAST', 'The interval starts in the past.');
  const date = localDate(start, timeZone);
  if (isBeyondHorizon(date, now, timeZone, horizonDays)) {
    return reject('BEYOND_HORIZON', `Appointments can be booked at most ${horizonDays} days ahead.`);
  }
  const closed = closedDayOn(date, query.closedDays);
  if (closed) return reject('CLOSED', `The clinic is closed on ${date} (${closed.name}).`);
  if (isOnTimeOff(date, timeOff)) return reject('TIME_OFF', `The doctor is not working on ${date}.`);
  const periods = workingPeriods(date, timeZone, schedule);
  if (!isCovered(start.getTime(), end.getTime(), periods)) {
    return reject('OUTSIDE_SCHEDULE', "The interval is outside the doctor's working hours.");
  }
  const isOneVisit = visitTimes(scheduledSlots(periods), periods, durationMinutes).some(
    (visit) => visit.start.toMillis() === start.getTime() && visit.end.toMillis() === end.getTime(),
  );
  if (!isOneVisit) {
    const what = durationMinutes === undefined ? "exactly one of the schedule's slots" : `${durationMinutes} minutes from a slot's start`;
    return reject('MISALIGNED', `The interval must be ${what}.`);
  }
  if (start.getTime() < earliestBookable(now, query.minNoticeMinutes)) {
    return reject('TOO_SOON', `A time must be booked at least ${query.minNoticeMinutes} minutes before it starts.`);
  }
  return { ok: true };
}

function reject(code: BookingRejectionCode, message: string): BookableCheck {
  return { ok: false, code, message };
}

import { isBeyondHorizon, isOnTimeOff } from './booking-days.ts';
import { closedDayOn, earliestBookable } from './limits.ts';
import { scheduledSlots, workingPeriods } from './slots.ts';
import type { Period } from './slots.ts';
import type { BookableCheck, BookableQuery, BookingRejectionCode } from './types.ts';
import { assertTimeZone, localDate } from './wall-clock.ts';

/**
 * Whether [start, end) is exactly one slot the schedule offers on its date (the date of `start` in the
 * clinic's zone), ignoring appointments. One booking is one slot: a longer visit is a clinic decision
 * that belongs in the schedule's slotMinutes, not in the request. Accepts exactly the slots that
 * availableSlots offers for that date when nothing is busy. The buffer is not checked here: it is about
 * appointments, which the booking worker checks against the padded interval.
 */
export function checkBookable(query: BookableQuery): BookableCheck {
  const { start, end, timeZone, schedule, timeOff, now, horizonDays } = query;
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
  const isOneSlot = scheduledSlots(periods).some(
    (slot) => slot.start.toMillis() === start.getTime() && slot.end.toMillis() === end.getTime(),
  );
  if (!isOneSlot) return reject('MISALIGNED', "The interval must be exactly one of the schedule's slots.");
  if (start.getTime() < earliestBookable(now, query.minNoticeMinutes)) {
    return reject('TOO_SOON', `A time must be booked at least ${query.minNoticeMinutes} minutes before it starts.`);
  }
  return { ok: true };
}

// Whether the working periods together cover [start, end), so that a misfit between two adjoining
// entries counts as misaligned rather than outside the schedule.
export function isCovered(start: number, end: number, periods: readonly Period[]): boolean {
  let coveredUntil = start;
  for (const period of [...periods].sort((a, b) => a.start.toMillis() - b.start.toMillis())) {
    if (period.start.toMillis() > coveredUntil) break;
    coveredUntil = Math.max(coveredUntil, period.end.toMillis());
  }
  return coveredUntil >= end;
}

function reject(code: BookingRejectionCode, message: string): BookableCheck {
  return { ok: false, code, message };
}

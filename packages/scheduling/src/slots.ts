import { isBeyondHorizon, isOnTimeOff, isPastDate } from './booking-days.ts';
import type { Period } from './coverage.ts';
import { visitTimes } from './durations.ts';
import { overlaps } from './intervals.ts';
import { closedDayOn, earliestBookable, padded } from './limits.ts';
import { appliesOn, entryTimes } from './schedule-entry.ts';
import type { AvailableSlots, AvailableSlotsQuery, Interval, NoSlotsReason, ScheduleEntry } from './types.ts';
import { assertTimeZone, formatInstant, isCalendarDate, wallClockInstant } from './wall-clock.ts';

export type { Period };

export interface WorkingPeriod extends Period {
  slotMinutes: number;
}

/**
 * The free slots of a doctor on a date: the schedule's slots (or, with `durationMinutes`, visits of that
 * length starting on them), minus those overlapping an appointment (widened by the buffer), those that
 * started before now and those inside the minimum notice. When there are none, `reason` says why.
 */
export function availableSlots(query: AvailableSlotsQuery): AvailableSlots {
  const { date, timeZone, schedule, timeOff, busy, now, horizonDays } = query;
  assertTimeZone(timeZone);
  if (!isCalendarDate(date)) return noSlots('INVALID_DATE');
  if (isPastDate(date, now, timeZone)) return noSlots('PAST_DATE');
  if (isBeyondHorizon(date, now, timeZone, horizonDays)) return noSlots('BEYOND_HORIZON');
  if (closedDayOn(date, query.closedDays)) return noSlots('CLOSED');
  if (isOnTimeOff(date, timeOff)) return noSlots('TIME_OFF');
  const periods = workingPeriods(date, timeZone, schedule);
  const scheduled = visitTimes(scheduledSlots(periods), periods, query.durationMinutes);
  if (scheduled.length === 0) return noSlots('NOT_WORKING');
  const blocked = busy.map((interval) => padded(interval, query.bufferMinutes));
  // Slots taken and slots already begun are alike gone: FULLY_BOOKED covers both.
  const free = scheduled.filter(
    (slot) => slot.start.toMillis() >= now.getTime() && !blocked.some((interval) => overlaps(toInterval(slot), interval)),
  );
  const earliest = earliestBookable(now, query.minNoticeMinutes);
  const bookable = free.filter((slot) => slot.start.toMillis() >= earliest);
  // Free times all inside the notice: the patient is to call the clinic rather than told the day is full.
  if (bookable.length === 0) return noSlots(free.length > 0 ? 'TOO_SOON' : 'FULLY_BOOKED');
  return { slots: bookable.map((slot) => ({ start: formatInstant(slot.start), end: formatInstant(slot.end) })) };
}

/** The real-time working hours of each schedule entry in force on the date. */
export function workingPeriods(date: string, timeZone: string, schedule: readonly ScheduleEntry[]): WorkingPeriod[] {
  return schedule
    .filter((entry) => appliesOn(entry, date))
    .map((entry) => {
      const times = entryTimes(entry);
      return {
        start: wallClockInstant(date, times.start, timeZone),
        end: wallClockInstant(date, times.end, timeZone),
        slotMinutes: entry.slotMinutes,
      };
    });
}

/**
 * Every slot of the working periods, sorted and without duplicates. Slots step from the period's start
 * by real elapsed minutes and must end by its end. On a day the clocks change, a slot spanning the jump
 * thus still lasts slotMinutes (02:30+02:00 to 04:00+03:00 is 30 minutes), the skipped hour yields no
 * slot, the repeated hour yields its slots twice as distinct instants, and a period shortened by the
 * jump holds fewer slots.
 */
export function scheduledSlots(periods: readonly WorkingPeriod[]): Period[] {
  const slots = periods.flatMap(periodSlots);
  slots.sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.end.toMillis() - b.end.toMillis());
  return slots.filter((slot, index) => index === 0 || !sameInterval(slot, slots[index - 1]));
}

function toInterval(period: Period): Interval {
  return { start: period.start.toJSDate(), end: period.end.toJSDate() };
}

function periodSlots({ start: periodStart, end: periodEnd, slotMinutes }: WorkingPeriod): Period[] {
  const slots: Period[] = [];
  for (let start = periodStart; ; start = start.plus({ minutes: slotMinutes })) {
    const end = start.plus({ minutes: slotMinutes });
    if (end.toMillis() > periodEnd.toMillis()) return slots;
    slots.push({ start, end });
  }
}

function sameInterval(a: Period, b: Period | undefined): boolean {
  return b !== undefined && a.start.toMillis() === b.start.toMillis() && a.end.toMillis() === b.end.toMillis();
}

function noSlots(reason: NoSlotsReason): AvailableSlots {
  return { slots: [], reason };
}

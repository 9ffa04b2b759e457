import { notFound } from '@clinic/service-kit';
import type { Availability } from '@clinic/contracts';
import { availableSlots, dayInterval } from '@clinic/scheduling';
import type { BusyTimes } from '../appointments/index.ts';
import type { CalendarCache } from './calendar-cache.ts';
import { limitsInForce, type ClinicCalendar } from '../schedules/index.ts';
import { busySpan, closedDayOf, type VisitTypeDuration } from './available-slots.ts';

export interface AvailabilityUseCase {
  /** The free slots of `days` consecutive dates from `from`, each as available-slots would answer it. */
  (doctorId: string, from: string, days: number, visitTypeId?: string): Promise<Availability>;
}

/** The calendar date `days` after `date` (both YYYY-MM-DD). */
export function datesFrom(date: string, days: number): string[] {
  const start = Date.parse(`${date}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/**
 * A doctor's availability over several days with one read of the calendar and of the appointments, so
 * a week view costs one request instead of seven.
 */
export function availabilityUseCase(
  calendars: CalendarCache,
  busy: BusyTimes,
  clinic: ClinicCalendar,
  visitTypeDuration: VisitTypeDuration,
): AvailabilityUseCase {
  return async (doctorId, from, days, visitTypeId) => {
    const { found, schedule, timeOff, own, closedDays } = await calendars.of(doctorId);
    if (!found) throw notFound('Doctor');
    const durationMinutes = visitTypeId === undefined ? undefined : await visitTypeDuration(doctorId, visitTypeId);
    if (visitTypeId !== undefined && durationMinutes === undefined) throw notFound('Visit type');
    const dates = datesFrom(from, days);
    const now = new Date();
    const limits = limitsInForce(clinic, own);
    const closed = new Map(dates.map((date) => [date, closedDayOf(closedDays, date)]));
    const query = (date: string, taken: Parameters<typeof availableSlots>[0]['busy']) =>
      availableSlots({
        date,
        timeZone: clinic.timeZone,
        schedule,
        timeOff,
        closedDays: closed.get(date)!.closedDays,
        ...limits,
        busy: taken,
        now,
        horizonDays: clinic.horizonDays,
        durationMinutes,
      });
    let answers = dates.map((date) => query(date, []));
    // Appointments are asked for only when the schedule offers something they could take, once for the whole span.
    const open = dates.filter((_, i) => answers[i]!.slots.length > 0);
    if (open.length > 0) {
      const span = { start: dayInterval(open[0]!, clinic.timeZone).start, end: dayInterval(open.at(-1)!, clinic.timeZone).end };
      const { intervals: taken } = await busy.of(doctorId, busySpan(span, limits.bufferMinutes));
      if (taken.length > 0) answers = dates.map((date, i) => (answers[i]!.slots.length > 0 ? query(date, taken) : answers[i]!));
    }
    return {
      doctor_id: doctorId,
      from,
      days,
      time_zone: clinic.timeZone,
      horizon_days: clinic.horizonDays,
      dates: dates.map((date, i) => ({ date, ...answers[i]!, ...(answers[i]!.reason === 'CLOSED' ? closed.get(date)!.answer : {}) })),
    };
  };
}

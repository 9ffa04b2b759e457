import { notFound } from '@clinic/service-kit';
import type { AvailableSlots, ClosedDay } from '@clinic/contracts';
import { memoizedAvailableSlots, memoizedDayInterval, type Interval } from '@clinic/scheduling';
import type { BusyTimes } from '../appointments/index.ts';
import { limitsInForce, type ClinicCalendar } from '../schedules/index.ts';
import type { CalendarCache } from './calendar-cache.ts';

export interface AvailableSlotsUseCase {
  /**
   * The free slots of a date: the schedule's, minus closed days, time off, appointments (with the buffer),
   * times past and inside the notice; with a visit type, the free times of its length starting on the
   * schedule's grid.
   */
  (doctorId: string, date: string, visitTypeId?: string): Promise<AvailableSlots>;
}

/** The length of one of the doctor's effective visit types, or undefined when it is not one of them. */
export type VisitTypeDuration = (doctorId: string, visitTypeId: string) => Promise<number | undefined>;

/** The date's closed day in the shape @clinic/scheduling reads ([] or one), and its names for the answer. */
export function closedDayOf(closedDays: readonly ClosedDay[], date: string) {
  const day = closedDays.find((closed) => closed.date === date);
  return {
    closedDays: day ? [{ date, name: day.name_en }] : [],
    /** What an answer with reason CLOSED adds. */
    answer: day ? { closed_day: { name_ro: day.name_ro, name_en: day.name_en } } : {},
  };
}

/** The span whose appointments can take a time of [from, to): wider by the buffer on both sides. */
export function busySpan(span: Interval, bufferMinutes: number): { from: Date; to: Date } {
  const buffer = bufferMinutes * 60_000;
  return { from: new Date(span.start.getTime() - buffer), to: new Date(span.end.getTime() + buffer) };
}

export function availableSlotsUseCase(
  calendars: CalendarCache,
  busy: BusyTimes,
  clinic: ClinicCalendar,
  visitTypeDuration: VisitTypeDuration,
): AvailableSlotsUseCase {
  // The schedule's slots of a date are computed once, not on every request (see memo.ts in @clinic/scheduling).
  const daySlots = memoizedAvailableSlots();
  const dayInterval = memoizedDayInterval();
  return async (doctorId, date, visitTypeId) => {
    const { found, schedule, timeOff, own, closedDays } = await calendars.of(doctorId);
    if (!found) throw notFound('Doctor');
    const durationMinutes = visitTypeId === undefined ? undefined : await visitTypeDuration(doctorId, visitTypeId);
    if (visitTypeId !== undefined && durationMinutes === undefined) throw notFound('Visit type');
    const limits = limitsInForce(clinic, own);
    const closed = closedDayOf(closedDays, date);
    // The date's time off alone: the remembered slots of a date are kept under what it is computed from.
    const timeOffOfDate = timeOff.filter((t) => t.startDate <= date && t.endDate >= date);
    const query = {
      date,
      timeZone: clinic.timeZone,
      schedule,
      timeOff: timeOffOfDate,
      closedDays: closed.closedDays,
      ...limits,
      busy: [],
      now: new Date(),
      horizonDays: clinic.horizonDays,
      ...(durationMinutes === undefined ? {} : { durationMinutes }),
    };
    let slots = daySlots(query);
    // Appointments are asked for only when the schedule offers something they could take.
    if (slots.slots.length > 0) {
      const { intervals: taken } = await busy.of(doctorId, busySpan(dayInterval(date, clinic.timeZone), limits.bufferMinutes));
      if (taken.length > 0) slots = daySlots({ ...query, busy: taken });
    }
    return { doctor_id: doctorId, date, time_zone: clinic.timeZone, ...slots, ...(slots.reason === 'CLOSED' ? closed.answer : {}) };
  };
}

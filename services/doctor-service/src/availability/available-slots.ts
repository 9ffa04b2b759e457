import { notFound } from '@clinic/service-kit';
import type { AvailableSlots, ClosedDay } from '@clinic/contracts';
import { memoizedAvailableSlots, memoizedDayInterval, type Interval } from '@clinic/scheduling';
import type { BusyTimes } from '../appointments/index.ts';
import { limitsInForce, type ClinicCalendar } from '../schedules/index.ts';
import type { CalendarCache } from './calendar-cache.ts';

export interface AvailableSlotsUseCase {
  /** The free slots of a date: the schedule's, minus closed days, time off, appointments (with the buffer), times past and inside the notice. */
  (doctorId: string, date: string): Promise<AvailableSlots>;
}

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

export function availableSlotsUseCase(calendars: CalendarCache, busy: BusyTimes, clinic: ClinicCalendar): AvailableSlotsUseCase {
  // The schedule's slots of a date are computed once, not on every request (see memo.ts in @clinic/scheduling).
  const daySlots = memoizedAvailableSlots();
  const dayInterval = memoizedDayInterval();
  return async (doctorId, date) => {
    const { found, schedule, timeOff, own, closedDays } = await calendars.of(doctorId);
    if (!found) throw notFound('Doctor');
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
    };
    let slots = daySlots(query);
    // Appointments are asked for only when the schedule offers something they could take.
    if (slots.slots.length > 0) {
      const taken = await busy.of(doctorId, busySpan(dayInterval(date, clinic.timeZone), limits.bufferMinutes));
      if (taken.length > 0) slots = daySlots({ ...query, busy: taken });
    }
    return { doctor_id: doctorId, date, time_zone: clinic.timeZone, ...slots, ...(slots.reason === 'CLOSED' ? closed.answer : {}) };
  };
}

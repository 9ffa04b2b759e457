import { notFound } from '@clinic/service-kit';
import type { AvailableSlots } from '@clinic/contracts';
import { memoizedAvailableSlots, memoizedDayInterval } from '@clinic/scheduling';
import type { BusyTimes } from '../appointments/index.ts';
import type { ClinicCalendar } from '../schedules/index.ts';
import type { CalendarCache } from './calendar-cache.ts';

export interface AvailableSlotsUseCase {
  /**
   * The free slots of a date: the schedule's, minus time off, appointments and times past; with a visit
   * type, the free times of its length starting on the schedule's grid.
   */
  (doctorId: string, date: string, visitTypeId?: string): Promise<AvailableSlots>;
}

/** The length of one of the doctor's effective visit types, or undefined when it is not one of them. */
export type VisitTypeDuration = (doctorId: string, visitTypeId: string) => Promise<number | undefined>;

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
    const { found, schedule, timeOff } = await calendars.of(doctorId);
    if (!found) throw notFound('Doctor');
    const durationMinutes = visitTypeId === undefined ? undefined : await visitTypeDuration(doctorId, visitTypeId);
    if (visitTypeId !== undefined && durationMinutes === undefined) throw notFound('Visit type');
    // The date's time off alone: the remembered slots of a date are kept under what it is computed from.
    const timeOffOfDate = timeOff.filter((t) => t.startDate <= date && t.endDate >= date);
    const query = {
      date,
      timeZone: clinic.timeZone,
      schedule,
      timeOff: timeOffOfDate,
      busy: [],
      now: new Date(),
      horizonDays: clinic.horizonDays,
      ...(durationMinutes === undefined ? {} : { durationMinutes }),
    };
    let slots = daySlots(query);
    // Appointments are asked for only when the schedule offers something they could take.
    if (slots.slots.length > 0) {
      const day = dayInterval(date, clinic.timeZone);
      const taken = await busy.of(doctorId, { from: day.start, to: day.end });
      if (taken.length > 0) slots = daySlots({ ...query, busy: taken });
    }
    return { doctor_id: doctorId, date, time_zone: clinic.timeZone, ...slots };
  };
}

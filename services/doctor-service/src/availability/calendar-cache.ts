import { DOCTOR_CALENDAR_CHANNEL } from '@clinic/contracts';
import { announcedCache, listenForChanges, type AnnouncedCache, type DatabaseConnection, type Logger } from '@clinic/service-kit';
import type { DoctorCalendar } from '../schedules/index.ts';

export interface CalendarCache extends Pick<AnnouncedCache<DoctorCalendar>, 'forget' | 'trust'> {
  /** The doctor's calendar: from memory while no change of it can have been missed, else read. */
  of(doctorId: string): Promise<DoctorCalendar>;
}

/**
 * Doctors' calendars kept in memory: available slots are asked far more often than calendars change,
 * and reading one costs more than the rest of the answer.
 */
export function calendarCache(read: (doctorId: string) => Promise<DoctorCalendar>, capacity = 10_000): CalendarCache {
  const cache = announcedCache<DoctorCalendar>({ capacity });
  return { of: (doctorId) => cache.of(doctorId, '', () => read(doctorId)), forget: cache.forget, trust: cache.trust };
}

/** Keeps `cache` told of every calendar change committed by anyone (this replica, the others, a migration). */
export function listenForCalendarChanges(options: { databaseUrl: DatabaseConnection; cache: CalendarCache; logger: Logger }) {
  return listenForChanges({ ...options, channel: DOCTOR_CALENDAR_CHANNEL });
}

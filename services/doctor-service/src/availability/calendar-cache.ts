import { listenToChannel, type DatabaseConnection, type Logger } from '@clinic/service-kit';
import type { DoctorCalendar } from '../schedules/index.ts';

/** Where the database announces a changed calendar, with the doctor's id (migration 004). */
export const CALENDAR_CHANNEL = 'doctor_calendar';

export interface CalendarCache {
  /** The doctor's calendar: from memory while no change of it can have been missed, else read. */
  of(doctorId: string): Promise<DoctorCalendar>;
  /** Forgets one doctor's calendar, or every one. */
  forget(doctorId?: string): void;
  /**
   * Whether calendars may be kept: only while every change is sure to be heard of (the announcements'
   * connection is up). Either way what is known is forgotten.
   */
  trust(trusted: boolean): void;
}

/**
 * Doctors' calendars kept in memory: available slots are asked far more often than calendars change,
 * and reading one costs more than the rest of the answer. A read that began before a `forget` is
 * answered but not kept, so a calendar read while it changed is never remembered in its old state.
 */
export function calendarCache(read: (doctorId: string) => Promise<DoctorCalendar>, capacity = 10_000): CalendarCache {
  const known = new Map<string, DoctorCalendar>();
  let trusted = false;
  // Counts forgets: a read is kept only when none happened while it ran.
  let forgets = 0;
  const forgetAll = () => {
    forgets++;
    known.clear();
  };
  return {
    async of(doctorId) {
      const remembered = trusted ? known.get(doctorId) : undefined;
      if (remembered) return remembered;
      const forgetsBefore = forgets;
      const calendar = await read(doctorId);
      if (trusted && forgets === forgetsBefore) {
        known.set(doctorId, calendar);
        // Doctors are few; past the bound the oldest read goes.
        if (known.size > capacity) known.delete(known.keys().next().value!);
      }
      return calendar;
    },
    forget(doctorId) {
      if (doctorId === undefined) return forgetAll();
      forgets++;
      known.delete(doctorId);
    },
    trust(value) {
      trusted = value;
      forgetAll();
    },
  };
}

/**
 * Keeps `cache` told of every calendar change committed by anyone (this replica, the others, a
 * migration): while the announcements' connection is down nothing is kept.
 */
export function listenForCalendarChanges(options: { databaseUrl: DatabaseConnection; cache: CalendarCache; logger: Logger }) {
  const { cache } = options;
  return listenToChannel({
    ...options,
    channel: CALENDAR_CHANNEL,
    onNotification: (doctorId) => cache.forget(doctorId || undefined),
    onListening: (listening) => cache.trust(listening),
  });
}

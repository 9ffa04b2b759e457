// Builders shared by the tests.
import type { AvailableSlotsQuery, ScheduleEntry, TimeOff } from './types.ts';

export const BUCHAREST = 'Europe/Bucharest';
export const NEW_YORK = 'America/New_York';

export function entry(overrides: Partial<ScheduleEntry> = {}): ScheduleEntry {
  return {
    id: 'entry-1',
    weekday: 1,
    startTime: '09:00',
    endTime: '11:00',
    slotMinutes: 30,
    validFrom: null,
    validTo: null,
    ...overrides,
  };
}

export function timeOff(startDate: string, endDate: string): TimeOff {
  return { id: 'off-1', startDate, endDate, reason: 'holiday' };
}

/** A query for Monday 2026-03-30 in Bucharest, asked long before. */
export function slotsQuery(overrides: Partial<AvailableSlotsQuery> = {}): AvailableSlotsQuery {
  return {
    date: '2026-03-30',
    timeZone: BUCHAREST,
    schedule: [entry()],
    timeOff: [],
    busy: [],
    now: new Date('2026-03-01T00:00:00Z'),
    horizonDays: 60,
    ...overrides,
  };
}

export function interval(start: string, end: string): { start: Date; end: Date } {
  return { start: new Date(start), end: new Date(end) };
}

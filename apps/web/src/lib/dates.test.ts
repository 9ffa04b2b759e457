import { describe, expect, it } from 'vitest';
import {
  addDays,
  clinicToday,
  dateIn,
  formatDate,
  formatTime,
  isCalendarDate,
  mondayOf,
  nearestSlots,
  nextSlots,
  startOfDay,
  weekColumns,
} from './dates.ts';

const zone = 'Europe/Bucharest';
const slot = (start: string, minutes = 30) => ({ start, end: new Date(Date.parse(start) + minutes * 60_000).toISOString() });

describe('calendar dates', () => {
  it('steps over month and year ends and finds the Monday of a week', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(mondayOf('2026-11-28')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
  });

  it('tells real dates from look-alikes', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('tomorrow')).toBe(false);
  });

  it('reads the date of an instant in the clinic’s zone, not the browser’s', () => {
    // 22:30 UTC on 31 March is already 1 April in Bucharest (UTC+3 in summer).
    expect(dateIn('2026-03-31T22:30:00Z', zone)).toBe('2026-04-01');
    expect(clinicToday(zone, new Date('2026-12-31T22:00:00Z'))).toBe('2027-01-01');
  });

  it('finds the instant a day starts in the zone, across changes of the clocks', () => {
    expect(startOfDay('2026-01-15', zone)).toBe('2026-01-14T22:00:00.000Z');
    expect(startOfDay('2026-07-15', zone)).toBe('2026-07-14T21:00:00.000Z');
    // The clocks go forward at 03:00 on 29 March 2026: midnight is still +02:00.
    expect(startOfDay('2026-03-29', zone)).toBe('2026-03-28T22:00:00.000Z');
    expect(startOfDay('2026-03-30', zone)).toBe('2026-03-29T21:00:00.000Z');
  });
});

describe('formatting', () => {
  it('shows times in the clinic’s zone on a 24-hour clock', () => {
    expect(formatTime('2026-03-30T06:00:00Z', 'ro', zone)).toBe('09:00');
    expect(formatTime('2026-03-30T06:00:00Z', 'en', zone)).toBe('09:00');
    expect(formatTime('2026-03-30T06:00:00Z', 'en', 'UTC')).toBe('06:00');
  });

  it('names days in the chosen language', () => {
    expect(formatDate('2026-03-30', 'en', 'long')).toMatch(/^Monday,? 30 March 2026$/);
    expect(formatDate('2026-03-30', 'ro', 'long')).toMatch(/^luni,? 30 martie 2026$/);
  });
});

describe('weekColumns', () => {
  it('gives every day of the week a column, sorted times, and a reason where there are none', () => {
    const columns = weekColumns(
      '2026-03-30',
      3,
      [
        { date: '2026-03-30', slots: [slot('2026-03-30T07:00:00Z'), slot('2026-03-30T06:30:00Z')] },
        { date: '2026-03-31', slots: [], reason: 'TIME_OFF' },
      ],
      '2026-03-30',
    );
    expect(columns.map((c) => c.date)).toEqual(['2026-03-30', '2026-03-31', '2026-04-01']);
    expect(columns[0]!.slots.map((s) => s.start)).toEqual(['2026-03-30T06:30:00Z', '2026-03-30T07:00:00Z']);
    expect(columns[0]!.isToday).toBe(true);
    expect(columns[1]!.reason).toBe('TIME_OFF');
    expect(columns[2]!.reason).toBe('NOT_WORKING');
  });
});

describe('offering other times', () => {
  const days = [
    { date: '2026-03-30', slots: ['06:00', '06:30', '07:00', '09:00'].map((t) => slot(`2026-03-30T${t}:00Z`)) },
    { date: '2026-03-31', slots: [slot('2026-03-31T06:00:00Z')] },
  ];

  it('offers the free times nearest to the one that was taken, in time order, not the taken one', () => {
    expect(nearestSlots(days, '2026-03-30T06:30:00Z', 3).map((s) => s.start)).toEqual([
      '2026-03-30T06:00:00Z',
      '2026-03-30T07:00:00Z',
      '2026-03-30T09:00:00Z',
    ]);
  });

  it('lists the next free times from now on', () => {
    const now = Date.parse('2026-03-30T06:45:00Z');
    expect(nextSlots(days, 2, now).map((s) => s.start)).toEqual(['2026-03-30T07:00:00Z', '2026-03-30T09:00:00Z']);
  });
});

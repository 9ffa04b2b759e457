import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { checkBookable } from './bookable.ts';
import { memoizedAvailableSlots, memoizedCheckBookable } from './memo.ts';
import { availableSlots } from './slots.ts';
import type { AvailableSlotsQuery, BookableQuery, ScheduleEntry } from './types.ts';

const entry = (weekday: number, startTime: string, endTime: string, slotMinutes = 30): ScheduleEntry => ({
  id: randomUUID(),
  weekday,
  startTime,
  endTime,
  slotMinutes,
  validFrom: null,
  validTo: null,
});
const week = [1, 2, 3, 4, 5].map((d) => entry(d, '08:00', '12:00'));
const timeZone = 'Europe/Bucharest';

describe('memoized available slots', () => {
  it('answers exactly as availableSlots does, whatever the time of day, the bookings and the date', () => {
    const memo = memoizedAvailableSlots();
    // 2026-03-27 is a Friday; 03-29 the clocks go forward in Bucharest; 03-30 a Monday.
    const dates = [
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-06-30',
      '2027-01-01',
      '2026-02-30',
      'not-a-date',
    ];
    const nows = ['2026-03-27T05:00:00Z', '2026-03-27T07:10:00Z', '2026-03-27T09:59:00Z', '2026-03-30T06:00:00Z'].map((t) => new Date(t));
    const busySets = [[], [{ start: new Date('2026-03-30T06:00:00Z'), end: new Date('2026-03-30T06:45:00Z') }]];
    const schedules = [week, [...week, entry(7, '22:00', '24:00', 20)], []];
    const timeOffs = [[], [{ id: randomUUID(), startDate: '2026-03-30', endDate: '2026-04-02', reason: 'Leave' }]];
    for (const date of dates)
      for (const now of nows)
        for (const busy of busySets)
          for (const schedule of schedules)
            for (const timeOff of timeOffs) {
              const query: AvailableSlotsQuery = { date, timeZone, schedule, timeOff, busy, now, horizonDays: 60 };
              // Twice: computed, then from memory.
              assert.deepEqual(memo(query), availableSlots(query), JSON.stringify({ date, now }));
              assert.deepEqual(memo(query), availableSlots(query));
            }
  });

  it('sees a changed schedule at once: the schedule is part of what is remembered', () => {
    const memo = memoizedAvailableSlots();
    const query: AvailableSlotsQuery = {
      date: '2026-03-30',
      timeZone,
      schedule: week,
      timeOff: [],
      busy: [],
      now: new Date('2026-03-27T05:00:00Z'),
      horizonDays: 60,
    };
    assert.equal(memo(query).slots.length, 8);
    assert.equal(memo({ ...query, schedule: [entry(1, '08:00', '09:00')] }).slots.length, 2);
    assert.equal(
      memo({ ...query, timeOff: [{ id: randomUUID(), startDate: '2026-03-30', endDate: '2026-03-30', reason: 'x' }] }).reason,
      'TIME_OFF',
    );
  });

  it('forgets the least recently used dates beyond its capacity', () => {
    const memo = memoizedAvailableSlots(2);
    const query = (date: string): AvailableSlotsQuery => ({
      date,
      timeZone,
      schedule: week,
      timeOff: [],
      busy: [],
      now: new Date('2026-03-27T05:00:00Z'),
      horizonDays: 60,
    });
    for (const date of ['2026-03-30', '2026-03-31', '2026-04-01', '2026-03-30'])
      assert.deepEqual(memo(query(date)), availableSlots(query(date)));
  });
});

describe('memoized bookability check', () => {
  it('answers exactly as checkBookable does', () => {
    const memo = memoizedCheckBookable();
    const schedules = [week, [...week, entry(7, '01:00', '05:00', 20)], []];
    const timeOffs = [[], [{ id: randomUUID(), startDate: '2026-03-30', endDate: '2026-03-31', reason: 'Leave' }]];
    const nows = ['2026-03-27T05:00:00Z', '2026-03-30T06:10:00Z'].map((t) => new Date(t));
    // Around the clocks going forward in Bucharest (2026-03-29 03:00), on and off the grid.
    const starts: Date[] = [];
    for (let t = Date.parse('2026-03-28T20:00:00Z'); t < Date.parse('2026-03-31T12:00:00Z'); t += 10 * 60_000) starts.push(new Date(t));
    let accepted = 0;
    for (const schedule of schedules)
      for (const timeOff of timeOffs)
        for (const now of nows)
          for (const start of starts)
            for (const minutes of [20, 30, 45]) {
              const query: BookableQuery = {
                start,
                end: new Date(start.getTime() + minutes * 60_000),
                timeZone,
                schedule,
                timeOff,
                now,
                horizonDays: 60,
              };
              const expected = checkBookable(query);
              assert.deepEqual(memo(query), expected, JSON.stringify({ start, minutes, now }));
              if (expected.ok) accepted++;
            }
    assert.ok(accepted > 50, `the grid was exercised (${accepted} bookable)`);
  });

  it('sees a schedule change or new time off at once', () => {
    const memo = memoizedCheckBookable();
    const query: BookableQuery = {
      start: new Date('2026-03-30T06:00:00Z'),
      end: new Date('2026-03-30T06:30:00Z'),
      timeZone,
      schedule: week,
      timeOff: [],
      now: new Date('2026-03-27T05:00:00Z'),
      horizonDays: 60,
    };
    assert.deepEqual(memo(query), { ok: true });
    assert.equal(
      (memo({ ...query, timeOff: [{ id: randomUUID(), startDate: '2026-03-30', endDate: '2026-03-30', reason: 'x' }] }) as { code: string })
        .code,
      'TIME_OFF',
    );
    assert.equal((memo({ ...query, schedule: [entry(1, '10:00', '12:00')] }) as { code: string }).code, 'OUTSIDE_SCHEDULE');
    assert.deepEqual(memo(query), { ok: true });
  });
});

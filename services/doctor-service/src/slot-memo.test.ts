import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { availableSlots, type AvailableSlotsQuery, type ScheduleEntry } from '@clinic/scheduling';
import { memoizedAvailableSlots } from './slot-memo.ts';

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

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { checkBookable, type BookableQuery, type ScheduleEntry } from '@clinic/scheduling';
import { memoizedCheckBookable } from './bookable-memo.ts';

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

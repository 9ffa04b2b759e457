import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBookable } from './bookable.ts';
import { BUCHAREST, entry, NEW_YORK, timeOff } from './fixtures.ts';
import type { BookableCheck, BookableQuery } from './types.ts';

/** Monday 2026-03-30, 09:00–11:00 in 30-minute slots, asked on 1 March with a 60-day horizon. */
function check(start: string, end: string, overrides: Partial<BookableQuery> = {}): BookableCheck {
  return checkBookable({
    start: new Date(start),
    end: new Date(end),
    timeZone: BUCHAREST,
    schedule: [entry()],
    timeOff: [],
    now: new Date('2026-03-01T00:00:00Z'),
    horizonDays: 60,
    ...overrides,
  });
}

function codeOf(result: BookableCheck): string {
  if (result.ok) return 'OK';
  assert.ok(result.message.length > 0, 'a rejection explains itself');
  return result.code;
}

describe('checkBookable', () => {
  it('accepts exactly one slot of the schedule', () => {
    assert.deepEqual(check('2026-03-30T09:30:00+03:00', '2026-03-30T10:00:00+03:00'), { ok: true });
  });

  it('accepts the first and the last slot of the working hours', () => {
    assert.equal(codeOf(check('2026-03-30T09:00:00+03:00', '2026-03-30T09:30:00+03:00')), 'OK');
    assert.equal(codeOf(check('2026-03-30T10:30:00+03:00', '2026-03-30T11:00:00+03:00')), 'OK');
  });

  it('accepts the instants however they were written', () => {
    assert.equal(codeOf(check('2026-03-30T06:30:00Z', '2026-03-30T07:00:00Z')), 'OK');
  });

  it('accepts the last slot of an entry ending at 24:00', () => {
    const schedule = [entry({ startTime: '23:00', endTime: '24:00' })];
    assert.equal(codeOf(check('2026-03-30T23:30:00+03:00', '2026-03-31T00:00:00+03:00', { schedule })), 'OK');
  });

  describe('INVALID_INTERVAL', () => {
    it('rejects an end before the start', () => {
      assert.equal(codeOf(check('2026-03-30T10:00:00+03:00', '2026-03-30T09:30:00+03:00')), 'INVALID_INTERVAL');
    });

    it('rejects an empty interval', () => {
      assert.equal(codeOf(check('2026-03-30T10:00:00+03:00', '2026-03-30T10:00:00+03:00')), 'INVALID_INTERVAL');
    });

    it('rejects dates that are not valid', () => {
      assert.equal(codeOf(check('not a date', '2026-03-30T10:00:00+03:00')), 'INVALID_INTERVAL');
      assert.equal(codeOf(check('2026-03-30T09:30:00+03:00', 'not a date')), 'INVALID_INTERVAL');
    });
  });

  describe('IN_PAST', () => {
    it('rejects a slot that has already started', () => {
      const now = new Date('2026-03-30T09:31:00+03:00');
      assert.equal(codeOf(check('2026-03-30T09:30:00+03:00', '2026-03-30T10:00:00+03:00', { now })), 'IN_PAST');
    });

    it('accepts a slot starting exactly now', () => {
      const now = new Date('2026-03-30T09:30:00+03:00');
      assert.equal(codeOf(check('2026-03-30T09:30:00+03:00', '2026-03-30T10:00:00+03:00', { now })), 'OK');
    });
  });

  describe('BEYOND_HORIZON', () => {
    const now = new Date('2026-03-16T12:00:00+02:00');

    it('accepts a slot exactly horizonDays after today', () => {
      const result = check('2026-03-30T09:00:00+03:00', '2026-03-30T09:30:00+03:00', { now, horizonDays: 14 });
      assert.equal(codeOf(result), 'OK');
    });

    it('rejects a slot one day further', () => {
      const result = check('2026-03-30T09:00:00+03:00', '2026-03-30T09:30:00+03:00', { now, horizonDays: 13 });
      assert.equal(codeOf(result), 'BEYOND_HORIZON');
    });
  });

  it('rejects a slot on a day of time off with TIME_OFF', () => {
    const result = check('2026-03-30T09:00:00+03:00', '2026-03-30T09:30:00+03:00', {
      timeOff: [timeOff('2026-03-28', '2026-03-30')],
    });
    assert.equal(codeOf(result), 'TIME_OFF');
  });

  describe('OUTSIDE_SCHEDULE', () => {
    it('rejects a day the doctor does not work', () => {
      assert.equal(codeOf(check('2026-03-31T09:00:00+03:00', '2026-03-31T09:30:00+03:00')), 'OUTSIDE_SCHEDULE');
    });

    it('rejects an interval before or after the working hours', () => {
      assert.equal(codeOf(check('2026-03-30T08:30:00+03:00', '2026-03-30T09:00:00+03:00')), 'OUTSIDE_SCHEDULE');
      assert.equal(codeOf(check('2026-03-30T11:00:00+03:00', '2026-03-30T11:30:00+03:00')), 'OUTSIDE_SCHEDULE');
    });

    it('rejects an interval running past the end of the working hours', () => {
      assert.equal(codeOf(check('2026-03-30T10:30:00+03:00', '2026-03-30T11:30:00+03:00')), 'OUTSIDE_SCHEDULE');
    });

    it('rejects a slot of an entry not valid on that date', () => {
      const schedule = [entry({ validFrom: '2026-04-01' })];
      const result = check('2026-03-30T09:00:00+03:00', '2026-03-30T09:30:00+03:00', { schedule });
      assert.equal(codeOf(result), 'OUTSIDE_SCHEDULE');
    });

    it('reads the working hours in the clinic zone', () => {
      // 09:00 in Bucharest is 03:00 in New York
      const result = check('2026-03-30T09:00:00+03:00', '2026-03-30T09:30:00+03:00', { timeZone: NEW_YORK });
      assert.equal(codeOf(result), 'OUTSIDE_SCHEDULE');
    });
  });

  describe('MISALIGNED', () => {
    it('rejects an interval off the slot grid', () => {
      assert.equal(codeOf(check('2026-03-30T09:10:00+03:00', '2026-03-30T09:40:00+03:00')), 'MISALIGNED');
    });

    it('rejects part of a slot', () => {
      assert.equal(codeOf(check('2026-03-30T09:00:00+03:00', '2026-03-30T09:15:00+03:00')), 'MISALIGNED');
    });

    it('rejects two consecutive slots, since a booking is one slot', () => {
      assert.equal(codeOf(check('2026-03-30T09:00:00+03:00', '2026-03-30T10:00:00+03:00')), 'MISALIGNED');
    });

    it('rejects an interval straddling two adjoining entries', () => {
      const schedule = [entry({ id: 'a' }), entry({ id: 'b', startTime: '11:00', endTime: '12:00', slotMinutes: 60 })];
      assert.equal(codeOf(check('2026-03-30T10:30:00+03:00', '2026-03-30T11:30:00+03:00', { schedule })), 'MISALIGNED');
    });
  });

  describe('on days the clocks change in Europe/Bucharest', () => {
    const sunday = (startTime: string, endTime: string) => [entry({ weekday: 7, startTime, endTime })];

    it('accepts the slot spanning the jump forward, 30 real minutes long', () => {
      const result = check('2026-03-29T02:30:00+02:00', '2026-03-29T04:00:00+03:00', {
        schedule: sunday('02:00', '06:00'),
      });
      assert.equal(codeOf(result), 'OK');
    });

    it('rejects a wall-clock hour that was skipped as not one slot', () => {
      // 02:30 to 04:00 on the wall clock is one 30-minute slot that day, so 02:30 to 04:30 is two.
      const result = check('2026-03-29T02:30:00+02:00', '2026-03-29T04:30:00+03:00', {
        schedule: sunday('02:00', '06:00'),
      });
      assert.equal(codeOf(result), 'MISALIGNED');
    });

    it('accepts both occurrences of the repeated hour', () => {
      const options = { schedule: sunday('02:00', '06:00'), horizonDays: 365 };
      assert.equal(codeOf(check('2026-10-25T03:00:00+03:00', '2026-10-25T03:30:00+03:00', options)), 'OK');
      assert.equal(codeOf(check('2026-10-25T03:00:00+02:00', '2026-10-25T03:30:00+02:00', options)), 'OK');
    });
  });

  it('throws on an unknown time zone, a configuration error', () => {
    assert.throws(() => check('2026-03-30T09:00:00+03:00', '2026-03-30T09:30:00+03:00', { timeZone: 'Mars/Olympus' }), RangeError);
  });
});

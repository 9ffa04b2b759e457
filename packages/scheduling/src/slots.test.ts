import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { availableSlots } from './slots.ts';
import { BUCHAREST, entry, interval, NEW_YORK, slotsQuery, timeOff } from './fixtures.ts';
import type { AvailableSlots } from './types.ts';

function starts(result: AvailableSlots): string[] {
  return result.slots.map((slot) => slot.start);
}

const sunday = (overrides: Parameters<typeof entry>[0]) => entry({ weekday: 7, ...overrides });

describe('availableSlots', () => {
  describe('on an ordinary day', () => {
    it('cuts the working hours into consecutive slots with the zone offset', () => {
      assert.deepEqual(availableSlots(slotsQuery()), {
        slots: [
          { start: '2026-03-30T09:00:00+03:00', end: '2026-03-30T09:30:00+03:00' },
          { start: '2026-03-30T09:30:00+03:00', end: '2026-03-30T10:00:00+03:00' },
          { start: '2026-03-30T10:00:00+03:00', end: '2026-03-30T10:30:00+03:00' },
          { start: '2026-03-30T10:30:00+03:00', end: '2026-03-30T11:00:00+03:00' },
        ],
      });
    });

    it('uses the entry slot length', () => {
      const result = availableSlots(slotsQuery({ schedule: [entry({ slotMinutes: 40 })] }));
      assert.deepEqual(result.slots, [
        { start: '2026-03-30T09:00:00+03:00', end: '2026-03-30T09:40:00+03:00' },
        { start: '2026-03-30T09:40:00+03:00', end: '2026-03-30T10:20:00+03:00' },
        { start: '2026-03-30T10:20:00+03:00', end: '2026-03-30T11:00:00+03:00' },
      ]);
    });

    it('drops a last slot that would run past the end of the working hours', () => {
      const result = availableSlots(slotsQuery({ schedule: [entry({ slotMinutes: 45 })] }));
      assert.deepEqual(starts(result), ['2026-03-30T09:00:00+03:00', '2026-03-30T09:45:00+03:00']);
    });

    it('runs an entry ending at 24:00 up to midnight', () => {
      const result = availableSlots(slotsQuery({ schedule: [entry({ startTime: '23:00', endTime: '24:00' })] }));
      assert.deepEqual(result.slots.at(-1), { start: '2026-03-30T23:30:00+03:00', end: '2026-03-31T00:00:00+03:00' });
    });

    it('merges several entries of the weekday into one sorted list', () => {
      const schedule = [
        entry({ id: 'afternoon', startTime: '14:00', endTime: '15:00', slotMinutes: 60 }),
        entry({ id: 'morning', startTime: '09:00', endTime: '10:00' }),
        entry({ id: 'tuesday', weekday: 2, startTime: '12:00', endTime: '13:00' }),
      ];
      assert.deepEqual(starts(availableSlots(slotsQuery({ schedule }))), [
        '2026-03-30T09:00:00+03:00',
        '2026-03-30T09:30:00+03:00',
        '2026-03-30T14:00:00+03:00',
      ]);
    });

    it('lists a slot that two entries both offer once', () => {
      const schedule = [entry({ id: 'a' }), entry({ id: 'b', startTime: '10:00', endTime: '12:00' })];
      assert.deepEqual(starts(availableSlots(slotsQuery({ schedule }))), [
        '2026-03-30T09:00:00+03:00',
        '2026-03-30T09:30:00+03:00',
        '2026-03-30T10:00:00+03:00',
        '2026-03-30T10:30:00+03:00',
        '2026-03-30T11:00:00+03:00',
        '2026-03-30T11:30:00+03:00',
      ]);
    });

    it('sets no reason when there are slots', () => {
      assert.equal('reason' in availableSlots(slotsQuery()), false);
    });

    it('says NOT_WORKING when no entry falls on the weekday', () => {
      assert.deepEqual(availableSlots(slotsQuery({ schedule: [entry({ weekday: 2 })] })), {
        slots: [],
        reason: 'NOT_WORKING',
      });
      assert.deepEqual(availableSlots(slotsQuery({ schedule: [] })).reason, 'NOT_WORKING');
    });
  });

  describe('validity windows', () => {
    it('ignores an entry not yet valid on the date', () => {
      const result = availableSlots(slotsQuery({ schedule: [entry({ validFrom: '2026-03-31' })] }));
      assert.equal(result.reason, 'NOT_WORKING');
    });

    it('ignores an entry no longer valid on the date', () => {
      const result = availableSlots(slotsQuery({ schedule: [entry({ validTo: '2026-03-29' })] }));
      assert.equal(result.reason, 'NOT_WORKING');
    });

    it('includes the first and the last day of validity', () => {
      for (const window of [{ validFrom: '2026-03-30' }, { validTo: '2026-03-30' }]) {
        assert.equal(availableSlots(slotsQuery({ schedule: [entry(window)] })).slots.length, 4);
      }
    });

    it('uses whichever of two successive entries is valid on the date', () => {
      const schedule = [
        entry({ id: 'old', startTime: '09:00', endTime: '10:00', validTo: '2026-03-29' }),
        entry({ id: 'new', startTime: '15:00', endTime: '16:00', validFrom: '2026-03-30' }),
      ];
      assert.deepEqual(starts(availableSlots(slotsQuery({ schedule }))), ['2026-03-30T15:00:00+03:00', '2026-03-30T15:30:00+03:00']);
    });
  });

  describe('time off', () => {
    it('offers nothing on a day of time off', () => {
      assert.deepEqual(availableSlots(slotsQuery({ timeOff: [timeOff('2026-03-30', '2026-03-30')] })), {
        slots: [],
        reason: 'TIME_OFF',
      });
    });

    it('counts the first and the last day of a time off', () => {
      for (const off of [timeOff('2026-03-30', '2026-04-03'), timeOff('2026-03-27', '2026-03-30')]) {
        assert.equal(availableSlots(slotsQuery({ timeOff: [off] })).reason, 'TIME_OFF');
      }
    });

    it('offers slots on the days around a time off', () => {
      const off = [timeOff('2026-03-23', '2026-03-29'), timeOff('2026-03-31', '2026-04-05')];
      assert.equal(availableSlots(slotsQuery({ timeOff: off })).slots.length, 4);
    });
  });

  describe('appointments', () => {
    it('drops the slot an appointment takes', () => {
      const busy = [interval('2026-03-30T09:30:00+03:00', '2026-03-30T10:00:00+03:00')];
      assert.deepEqual(starts(availableSlots(slotsQuery({ busy }))), [
        '2026-03-30T09:00:00+03:00',
        '2026-03-30T10:00:00+03:00',
        '2026-03-30T10:30:00+03:00',
      ]);
    });

    it('drops every slot an appointment partly overlaps', () => {
      const busy = [interval('2026-03-30T09:15:00+03:00', '2026-03-30T10:05:00+03:00')];
      assert.deepEqual(starts(availableSlots(slotsQuery({ busy }))), ['2026-03-30T10:30:00+03:00']);
    });

    it('keeps slots that only touch an appointment', () => {
      const busy = [interval('2026-03-30T08:00:00+03:00', '2026-03-30T09:00:00+03:00')];
      assert.equal(availableSlots(slotsQuery({ busy })).slots.length, 4);
    });

    it('ignores appointments on other days', () => {
      const busy = [interval('2026-03-31T09:00:00+03:00', '2026-03-31T11:00:00+03:00')];
      assert.equal(availableSlots(slotsQuery({ busy })).slots.length, 4);
    });

    it('says FULLY_BOOKED when appointments take every slot', () => {
      const busy = [
        interval('2026-03-30T09:00:00+03:00', '2026-03-30T10:00:00+03:00'),
        interval('2026-03-30T10:00:00+03:00', '2026-03-30T11:00:00+03:00'),
      ];
      assert.deepEqual(availableSlots(slotsQuery({ busy })), { slots: [], reason: 'FULLY_BOOKED' });
    });
  });

  describe('now', () => {
    it('drops the slots that have already started', () => {
      const now = new Date('2026-03-30T09:40:00+03:00');
      assert.deepEqual(starts(availableSlots(slotsQuery({ now }))), ['2026-03-30T10:00:00+03:00', '2026-03-30T10:30:00+03:00']);
    });

    it('keeps a slot that starts exactly now', () => {
      const now = new Date('2026-03-30T10:30:00+03:00');
      assert.deepEqual(starts(availableSlots(slotsQuery({ now }))), ['2026-03-30T10:30:00+03:00']);
    });

    it('says FULLY_BOOKED once the last slot of today has started', () => {
      const now = new Date('2026-03-30T10:31:00+03:00');
      assert.deepEqual(availableSlots(slotsQuery({ now })), { slots: [], reason: 'FULLY_BOOKED' });
    });

    it('refuses a date before today with PAST_DATE', () => {
      const now = new Date('2026-03-31T08:00:00+03:00');
      assert.deepEqual(availableSlots(slotsQuery({ now })), { slots: [], reason: 'PAST_DATE' });
    });

    it('takes today from the clinic zone, not from UTC', () => {
      // 01:30 on Tuesday in Bucharest while still Monday in UTC
      const now = new Date('2026-03-30T22:30:00Z');
      assert.equal(availableSlots(slotsQuery({ now })).reason, 'PAST_DATE');
      const tuesday = entry({ weekday: 2 });
      assert.equal(availableSlots(slotsQuery({ now, date: '2026-03-31', schedule: [tuesday] })).slots.length, 4);
    });
  });

  describe('horizon', () => {
    const now = new Date('2026-03-16T12:00:00+02:00');

    it('offers the day exactly horizonDays after today', () => {
      assert.equal(availableSlots(slotsQuery({ now, horizonDays: 14 })).slots.length, 4);
    });

    it('refuses the day after that with BEYOND_HORIZON', () => {
      assert.deepEqual(availableSlots(slotsQuery({ now, horizonDays: 13 })), { slots: [], reason: 'BEYOND_HORIZON' });
    });

    it('counts the horizon from today in the clinic zone', () => {
      // 00:30 on 17 March in Bucharest, still 16 March in UTC
      const justAfterMidnight = new Date('2026-03-16T22:30:00Z');
      assert.equal(availableSlots(slotsQuery({ now: justAfterMidnight, horizonDays: 13 })).slots.length, 4);
    });

    it('with a horizon of 0 offers only today', () => {
      const morning = new Date('2026-03-30T07:00:00+03:00');
      assert.equal(availableSlots(slotsQuery({ now: morning, horizonDays: 0 })).slots.length, 4);
      const nextDay = slotsQuery({
        now: morning,
        horizonDays: 0,
        date: '2026-03-31',
        schedule: [entry({ weekday: 2 })],
      });
      assert.equal(availableSlots(nextDay).reason, 'BEYOND_HORIZON');
    });
  });

  describe('invalid input', () => {
    it('says INVALID_DATE for a date that does not exist or is badly written', () => {
      for (const date of ['2026-02-30', '2026-3-30', '30.03.2026', '2026-03-30T09:00', 'tomorrow', '']) {
        assert.deepEqual(availableSlots(slotsQuery({ date })), { slots: [], reason: 'INVALID_DATE' }, date);
      }
    });

    it('throws on an unknown time zone, a configuration error', () => {
      assert.throws(() => availableSlots(slotsQuery({ timeZone: 'Europe/Atlantis' })), RangeError);
    });

    it('throws on a stored entry with an impossible time range', () => {
      assert.throws(() => availableSlots(slotsQuery({ schedule: [entry({ endTime: '08:00' })] })), TypeError);
    });
  });

  describe('offsets around the clock changes in Europe/Bucharest', () => {
    it('uses +02:00 on winter days and +03:00 on summer days', () => {
      const cases = [
        { date: '2026-03-27', weekday: 5, offset: '+02:00' },
        { date: '2026-03-30', weekday: 1, offset: '+03:00' },
        { date: '2026-10-23', weekday: 5, offset: '+03:00' },
        { date: '2026-10-26', weekday: 1, offset: '+02:00' },
      ];
      for (const { date, weekday, offset } of cases) {
        const result = availableSlots(slotsQuery({ date, schedule: [entry({ weekday })], horizonDays: 365 }));
        assert.equal(result.slots[0]?.start, `${date}T09:00:00${offset}`);
      }
    });

    it('keeps daytime hours on the day clocks change with the new offset', () => {
      const result = availableSlots(slotsQuery({ date: '2026-03-29', schedule: [sunday({})] }));
      assert.equal(result.slots[0]?.start, '2026-03-29T09:00:00+03:00');
    });
  });

  describe('when clocks go forward (Europe/Bucharest, 2026-03-29, 03:00 becomes 04:00)', () => {
    const date = '2026-03-29';

    it('skips the hour that does not exist when clocks go forward', () => {
      const result = availableSlots(slotsQuery({ date, schedule: [sunday({ startTime: '02:00', endTime: '06:00' })] }));
      assert.deepEqual(result.slots, [
        { start: '2026-03-29T02:00:00+02:00', end: '2026-03-29T02:30:00+02:00' },
        { start: '2026-03-29T02:30:00+02:00', end: '2026-03-29T04:00:00+03:00' },
        { start: '2026-03-29T04:00:00+03:00', end: '2026-03-29T04:30:00+03:00' },
        { start: '2026-03-29T04:30:00+03:00', end: '2026-03-29T05:00:00+03:00' },
        { start: '2026-03-29T05:00:00+03:00', end: '2026-03-29T05:30:00+03:00' },
        { start: '2026-03-29T05:30:00+03:00', end: '2026-03-29T06:00:00+03:00' },
      ]);
    });

    it('measures a slot spanning the jump in real minutes and fits fewer slots in the shorter day', () => {
      // 02:00–05:00 on the wall clock is two real hours that day: two 45-minute slots fit, not four.
      const schedule = [sunday({ startTime: '02:00', endTime: '05:00', slotMinutes: 45 })];
      assert.deepEqual(availableSlots(slotsQuery({ date, schedule })).slots, [
        { start: '2026-03-29T02:00:00+02:00', end: '2026-03-29T02:45:00+02:00' },
        { start: '2026-03-29T02:45:00+02:00', end: '2026-03-29T04:30:00+03:00' },
      ]);
    });

    it('starts an entry that begins in the skipped hour at the jump', () => {
      const schedule = [sunday({ startTime: '03:30', endTime: '05:00' })];
      assert.deepEqual(starts(availableSlots(slotsQuery({ date, schedule }))), ['2026-03-29T04:00:00+03:00', '2026-03-29T04:30:00+03:00']);
    });

    it('offers nothing for an entry lying wholly in the skipped hour', () => {
      const schedule = [sunday({ startTime: '03:00', endTime: '03:30' })];
      assert.deepEqual(availableSlots(slotsQuery({ date, schedule })), { slots: [], reason: 'NOT_WORKING' });
    });

    it('keeps entries that adjoin on the wall clock from overlapping in real time', () => {
      const schedule = [
        sunday({ id: 'early', startTime: '02:00', endTime: '03:30' }),
        sunday({ id: 'late', startTime: '03:30', endTime: '05:00', slotMinutes: 45 }),
      ];
      assert.deepEqual(availableSlots(slotsQuery({ date, schedule })).slots, [
        { start: '2026-03-29T02:00:00+02:00', end: '2026-03-29T02:30:00+02:00' },
        { start: '2026-03-29T02:30:00+02:00', end: '2026-03-29T04:00:00+03:00' },
        { start: '2026-03-29T04:00:00+03:00', end: '2026-03-29T04:45:00+03:00' },
      ]);
    });
  });

  describe('when clocks go back (Europe/Bucharest, 2026-10-25, 04:00 becomes 03:00)', () => {
    const date = '2026-10-25';
    const query = (overrides: Parameters<typeof slotsQuery>[0]) =>
      slotsQuery({
        date,
        horizonDays: 365,
        schedule: [sunday({ startTime: '02:00', endTime: '06:00' })],
        ...overrides,
      });

    it('offers the repeated hour twice as distinct instants', () => {
      assert.deepEqual(starts(availableSlots(query({}))), [
        '2026-10-25T02:00:00+03:00',
        '2026-10-25T02:30:00+03:00',
        '2026-10-25T03:00:00+03:00',
        '2026-10-25T03:30:00+03:00',
        '2026-10-25T03:00:00+02:00',
        '2026-10-25T03:30:00+02:00',
        '2026-10-25T04:00:00+02:00',
        '2026-10-25T04:30:00+02:00',
        '2026-10-25T05:00:00+02:00',
        '2026-10-25T05:30:00+02:00',
      ]);
    });

    it('loses and duplicates no real instant', () => {
      const instants = availableSlots(query({})).slots.map((slot) => new Date(slot.start).getTime());
      const halfHour = 30 * 60 * 1000;
      assert.equal(new Set(instants).size, instants.length);
      instants.slice(1).forEach((instant, index) => assert.equal(instant - instants[index]!, halfHour));
    });

    it('starts an entry that begins in the repeated hour at its first occurrence', () => {
      const result = availableSlots(query({ schedule: [sunday({ startTime: '03:30', endTime: '04:00' })] }));
      assert.deepEqual(starts(result), ['2026-10-25T03:30:00+03:00', '2026-10-25T03:00:00+02:00', '2026-10-25T03:30:00+02:00']);
    });

    it('keeps the second 03:00 free when the first one is booked', () => {
      const busy = [interval('2026-10-25T03:00:00+03:00', '2026-10-25T03:30:00+03:00')];
      const result = starts(availableSlots(query({ busy })));
      assert.equal(result.includes('2026-10-25T03:00:00+03:00'), false);
      assert.equal(result.includes('2026-10-25T03:00:00+02:00'), true);
    });
  });

  describe('in another zone (America/New_York, 2026-03-08, 02:00 becomes 03:00)', () => {
    const newYork = (overrides: Parameters<typeof slotsQuery>[0]) => slotsQuery({ timeZone: NEW_YORK, ...overrides });

    it('skips the hour that does not exist there', () => {
      const schedule = [sunday({ startTime: '01:00', endTime: '04:00' })];
      assert.deepEqual(starts(availableSlots(newYork({ date: '2026-03-08', schedule }))), [
        '2026-03-08T01:00:00-05:00',
        '2026-03-08T01:30:00-05:00',
        '2026-03-08T03:00:00-04:00',
        '2026-03-08T03:30:00-04:00',
      ]);
    });

    it('reads the schedule on the local wall clock of that zone', () => {
      const friday = availableSlots(newYork({ date: '2026-03-06', schedule: [entry({ weekday: 5 })] }));
      const monday = availableSlots(newYork({ date: '2026-03-09', schedule: [entry({ weekday: 1 })] }));
      assert.equal(friday.slots[0]?.start, '2026-03-06T09:00:00-05:00');
      assert.equal(monday.slots[0]?.start, '2026-03-09T09:00:00-04:00');
    });

    it('gives a different instant than the same schedule in Europe/Bucharest', () => {
      const schedule = [entry({ weekday: 1 })];
      const bucharest = availableSlots(slotsQuery({ date: '2026-03-09', schedule, timeZone: BUCHAREST }));
      assert.equal(bucharest.slots[0]?.start, '2026-03-09T09:00:00+02:00');
    });
  });
});

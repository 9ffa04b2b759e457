import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUCHAREST, NEW_YORK } from './fixtures.ts';
import {
  addDays,
  dayInterval,
  formatInstant,
  isCalendarDate,
  isoWeekday,
  localDate,
  parseClockTime,
  wallClockInstant,
} from './wall-clock.ts';

describe('parseClockTime', () => {
  it('reads HH:MM as minutes since midnight', () => {
    assert.equal(parseClockTime('00:00'), 0);
    assert.equal(parseClockTime('09:30'), 570);
    assert.equal(parseClockTime('23:59'), 1439);
  });

  it('reads 24:00 only where the end of the day is allowed', () => {
    assert.equal(parseClockTime('24:00'), undefined);
    assert.equal(parseClockTime('24:00', { endOfDayAllowed: true }), 1440);
    assert.equal(parseClockTime('24:30', { endOfDayAllowed: true }), undefined);
  });

  it('rejects anything that is not a two-digit HH:MM time', () => {
    for (const text of ['9:30', '09:3', '0930', '09:60', '25:00', '09:30:00', ' 09:30', '']) {
      assert.equal(parseClockTime(text), undefined, text);
    }
  });
});

describe('isCalendarDate', () => {
  it('accepts real dates including a leap day', () => {
    assert.equal(isCalendarDate('2026-03-30'), true);
    assert.equal(isCalendarDate('2028-02-29'), true);
  });

  it('rejects impossible dates and other spellings', () => {
    for (const text of ['2026-02-29', '2026-04-31', '2026-13-01', '2026-3-30', '2026-03-30T00:00', '2026-W14', '']) {
      assert.equal(isCalendarDate(text), false, text);
    }
  });
});

describe('calendar arithmetic', () => {
  it('gives ISO weekdays from Monday 1 to Sunday 7', () => {
    assert.equal(isoWeekday('2026-03-30'), 1);
    assert.equal(isoWeekday('2026-03-29'), 7);
  });

  it('adds days across month ends', () => {
    assert.equal(addDays('2026-03-30', 3), '2026-04-02');
  });

  it('tells the date an instant falls on in the zone', () => {
    const lateUtcEvening = new Date('2026-03-29T22:30:00Z');
    assert.equal(localDate(lateUtcEvening, BUCHAREST), '2026-03-30');
    assert.equal(localDate(lateUtcEvening, NEW_YORK), '2026-03-29');
  });
});

describe('wallClockInstant', () => {
  const at = (date: string, time: string, zone = BUCHAREST) =>
    formatInstant(wallClockInstant(date, parseClockTime(time, { endOfDayAllowed: true })!, zone));

  it('reads an ordinary time with the offset in force', () => {
    assert.equal(at('2026-03-27', '09:00'), '2026-03-27T09:00:00+02:00');
    assert.equal(at('2026-03-30', '09:00'), '2026-03-30T09:00:00+03:00');
  });

  it('reads 24:00 as the midnight that starts the next day', () => {
    assert.equal(at('2026-03-30', '24:00'), '2026-03-31T00:00:00+03:00');
  });

  it('reads a time skipped when clocks go forward as the instant of the jump', () => {
    assert.equal(at('2026-03-29', '03:00'), '2026-03-29T04:00:00+03:00');
    assert.equal(at('2026-03-29', '03:30'), '2026-03-29T04:00:00+03:00');
    assert.equal(at('2026-03-29', '04:00'), '2026-03-29T04:00:00+03:00');
  });

  it('reads a time that happens twice when clocks go back as its first occurrence', () => {
    assert.equal(at('2026-10-25', '03:00'), '2026-10-25T03:00:00+03:00');
    assert.equal(at('2026-10-25', '03:59'), '2026-10-25T03:59:00+03:00');
    assert.equal(at('2026-10-25', '04:00'), '2026-10-25T04:00:00+02:00');
  });

  it('finds the jump of a half-hour clock change', () => {
    // Lord Howe Island moves from +10:30 to +11:00 at 02:00 on 2026-10-04.
    assert.equal(at('2026-10-04', '02:15', 'Australia/Lord_Howe'), '2026-10-04T02:30:00+11:00');
  });
});

describe('dayInterval', () => {
  const hours = ({ start, end }: { start: Date; end: Date }) => (end.getTime() - start.getTime()) / 3_600_000;

  it('spans an ordinary date from its local midnight to the next', () => {
    const day = dayInterval('2026-03-30', BUCHAREST);
    assert.equal(day.start.toISOString(), '2026-03-29T21:00:00.000Z');
    assert.equal(day.end.toISOString(), '2026-03-30T21:00:00.000Z');
  });

  it('is 23 hours long when the clocks go forward and 25 when they go back', () => {
    assert.equal(hours(dayInterval('2026-03-29', BUCHAREST)), 23);
    assert.equal(hours(dayInterval('2026-10-25', BUCHAREST)), 25);
    assert.equal(hours(dayInterval('2026-11-01', NEW_YORK)), 25);
  });

  it('refuses an unknown time zone', () => {
    assert.throws(() => dayInterval('2026-03-30', 'Mars/Olympus_Mons'), RangeError);
  });
});

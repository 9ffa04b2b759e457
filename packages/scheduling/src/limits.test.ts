import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBookable } from './bookable.ts';
import { BUCHAREST, entry, interval, slotsQuery, timeOff } from './fixtures.ts';
import { memoizedAvailableSlots, memoizedCheckBookable } from './memo.ts';
import { availableSlots } from './slots.ts';
import type { AvailableSlots, AvailableSlotsQuery, BookableQuery } from './types.ts';

const starts = (result: AvailableSlots) => result.slots.map((slot) => slot.start);
const CHRISTMAS = { date: '2026-03-30', name: 'Crăciunul' };

/** Both the library's answer and the remembered one, which must agree. */
function bothSlots(query: AvailableSlotsQuery): AvailableSlots {
  const plain = availableSlots(query);
  assert.deepEqual(memoizedAvailableSlots()(query), plain, 'the memoized answer agrees');
  return plain;
}

function bookable(overrides: Partial<BookableQuery>) {
  const query: BookableQuery = {
    start: new Date('2026-03-30T09:00:00+03:00'),
    end: new Date('2026-03-30T09:30:00+03:00'),
    timeZone: BUCHAREST,
    schedule: [entry()],
    timeOff: [],
    now: new Date('2026-03-01T00:00:00Z'),
    horizonDays: 60,
    ...overrides,
  };
  const plain = checkBookable(query);
  assert.deepEqual(memoizedCheckBookable()(query), plain, 'the memoized answer agrees');
  return plain;
}

describe('closed days', () => {
  it('close the date whatever the schedule offers, said before the doctor’s own time off', () => {
    const query = slotsQuery({ closedDays: [CHRISTMAS], timeOff: [timeOff('2026-03-30', '2026-03-30')] });
    assert.deepEqual(bothSlots(query), { slots: [], reason: 'CLOSED' });
  });

  it('leave other dates alone', () => {
    assert.equal(bothSlots(slotsQuery({ closedDays: [{ date: '2026-03-31', name: 'x' }] })).slots.length, 4);
  });

  it('refuse a booking with the day’s name', () => {
    const verdict = bookable({ closedDays: [CHRISTMAS] });
    assert.deepEqual(verdict, { ok: false, code: 'CLOSED', message: 'The clinic is closed on 2026-03-30 (Crăciunul).' });
  });
});

describe('minimum notice', () => {
  it('drops the times starting sooner than the notice', () => {
    const query = slotsQuery({ now: new Date('2026-03-30T08:10:00+03:00'), minNoticeMinutes: 60 });
    assert.deepEqual(starts(bothSlots(query)), ['2026-03-30T09:30:00+03:00', '2026-03-30T10:00:00+03:00', '2026-03-30T10:30:00+03:00']);
  });

  it('answers TOO_SOON when every free time is inside the notice', () => {
    const query = slotsQuery({ now: new Date('2026-03-30T08:00:00+03:00'), minNoticeMinutes: 180 });
    assert.deepEqual(bothSlots(query), { slots: [], reason: 'TOO_SOON' });
  });

  it('answers FULLY_BOOKED, not TOO_SOON, when nothing is free anyway', () => {
    const busy = [interval('2026-03-30T09:00:00+03:00', '2026-03-30T11:00:00+03:00')];
    const query = slotsQuery({ now: new Date('2026-03-30T08:00:00+03:00'), minNoticeMinutes: 180, busy });
    assert.deepEqual(bothSlots(query), { slots: [], reason: 'FULLY_BOOKED' });
  });

  it('refuses a booking inside the notice and accepts one exactly at it', () => {
    const now = new Date('2026-03-30T08:30:00+03:00');
    assert.equal(bookable({ now, minNoticeMinutes: 31 }).ok, false);
    assert.equal((bookable({ now, minNoticeMinutes: 31 }) as { code: string }).code, 'TOO_SOON');
    assert.deepEqual(bookable({ now, minNoticeMinutes: 30 }), { ok: true });
  });

  it('counts real minutes on the night the clocks go back (03:10+03:00 plus an hour is 03:10+02:00)', () => {
    const query = slotsQuery({
      date: '2026-10-25',
      schedule: [entry({ weekday: 7, startTime: '02:00', endTime: '05:00' })],
      now: new Date('2026-10-25T03:10:00+03:00'),
      minNoticeMinutes: 60,
    });
    assert.deepEqual(starts(bothSlots(query)), ['2026-10-25T03:30:00+02:00', '2026-10-25T04:00:00+02:00', '2026-10-25T04:30:00+02:00']);
    const start = new Date('2026-10-25T03:00:00+02:00');
    const verdict = bookable({
      start,
      end: new Date(start.getTime() + 30 * 60_000),
      schedule: query.schedule,
      now: query.now,
      minNoticeMinutes: 60,
    });
    assert.equal(verdict.ok ? 'ok' : verdict.code, 'TOO_SOON');
  });
});

describe('buffer after appointments', () => {
  const busy = [interval('2026-03-30T09:30:00+03:00', '2026-03-30T10:00:00+03:00')];

  it('without one, the times touching an appointment stay free', () => {
    assert.deepEqual(starts(bothSlots(slotsQuery({ busy }))), [
      '2026-03-30T09:00:00+03:00',
      '2026-03-30T10:00:00+03:00',
      '2026-03-30T10:30:00+03:00',
    ]);
  });

  it('keeps the buffer free after an appointment and before the next one', () => {
    assert.deepEqual(starts(bothSlots(slotsQuery({ busy, bufferMinutes: 15 }))), ['2026-03-30T10:30:00+03:00']);
  });
});

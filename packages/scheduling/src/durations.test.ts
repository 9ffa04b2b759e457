import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBookable } from './bookable.ts';
import { BUCHAREST, entry, interval, slotsQuery } from './fixtures.ts';
import { memoizedAvailableSlots, memoizedCheckBookable } from './memo.ts';
import { availableSlots } from './slots.ts';
import type { AvailableSlots, BookableQuery } from './types.ts';

const starts = (result: AvailableSlots) => result.slots.map((slot) => slot.start);
const sunday = (overrides: Parameters<typeof entry>[0]) => entry({ weekday: 7, ...overrides });

/** Monday 2026-03-30, 09:00–11:00 in 30-minute slots, asked on 1 March. */
function bookable(start: string, end: string, overrides: Partial<BookableQuery> = {}) {
  const verdict = checkBookable({
    start: new Date(start),
    end: new Date(end),
    timeZone: BUCHAREST,
    schedule: [entry()],
    timeOff: [],
    now: new Date('2026-03-01T00:00:00Z'),
    horizonDays: 60,
    ...overrides,
  });
  return verdict.ok ? 'OK' : verdict.code;
}

describe('free times of a visit type (durationMinutes)', () => {
  it('offers 60-minute visits on the 30-minute grid, none running past the end of the working hours', () => {
    assert.deepEqual(availableSlots(slotsQuery({ durationMinutes: 60 })).slots, [
      { start: '2026-03-30T09:00:00+03:00', end: '2026-03-30T10:00:00+03:00' },
      { start: '2026-03-30T09:30:00+03:00', end: '2026-03-30T10:30:00+03:00' },
      { start: '2026-03-30T10:00:00+03:00', end: '2026-03-30T11:00:00+03:00' },
    ]);
  });

  it('offers a visit shorter than the slot at every slot start, lasting its own length', () => {
    assert.deepEqual(availableSlots(slotsQuery({ durationMinutes: 20 })).slots, [
      { start: '2026-03-30T09:00:00+03:00', end: '2026-03-30T09:20:00+03:00' },
      { start: '2026-03-30T09:30:00+03:00', end: '2026-03-30T09:50:00+03:00' },
      { start: '2026-03-30T10:00:00+03:00', end: '2026-03-30T10:20:00+03:00' },
      { start: '2026-03-30T10:30:00+03:00', end: '2026-03-30T10:50:00+03:00' },
    ]);
  });

  it('offers one slot, as before, without a duration', () => {
    assert.equal(availableSlots(slotsQuery()).slots.length, 4);
    assert.deepEqual(availableSlots(slotsQuery({ durationMinutes: 30 })), availableSlots(slotsQuery()));
  });

  it('needs the whole visit free: an appointment takes every visit it overlaps', () => {
    const busy = [interval('2026-03-30T10:30:00+03:00', '2026-03-30T11:00:00+03:00')];
    assert.deepEqual(starts(availableSlots(slotsQuery({ durationMinutes: 60, busy }))), [
      '2026-03-30T09:00:00+03:00',
      '2026-03-30T09:30:00+03:00',
    ]);
    const middle = [interval('2026-03-30T09:50:00+03:00', '2026-03-30T10:10:00+03:00')];
    assert.deepEqual(availableSlots(slotsQuery({ durationMinutes: 60, busy: middle })), { slots: [], reason: 'FULLY_BOOKED' });
  });

  it('lets a visit run across adjoining working periods but not across a gap', () => {
    const adjoining = [entry({ id: 'a', endTime: '10:00' }), entry({ id: 'b', startTime: '10:00', endTime: '11:00' })];
    assert.deepEqual(starts(availableSlots(slotsQuery({ durationMinutes: 60, schedule: adjoining }))), [
      '2026-03-30T09:00:00+03:00',
      '2026-03-30T09:30:00+03:00',
      '2026-03-30T10:00:00+03:00',
    ]);
    const gap = [entry({ id: 'a', endTime: '10:00' }), entry({ id: 'b', startTime: '10:30', endTime: '11:30' })];
    assert.deepEqual(starts(availableSlots(slotsQuery({ durationMinutes: 60, schedule: gap }))), [
      '2026-03-30T09:00:00+03:00',
      '2026-03-30T10:30:00+03:00',
    ]);
  });

  it('offers nothing when no visit of the length fits the working hours', () => {
    assert.deepEqual(availableSlots(slotsQuery({ durationMinutes: 180 })), { slots: [], reason: 'NOT_WORKING' });
  });

  it('measures a visit across the clocks going forward in real minutes (Europe/Bucharest, 2026-03-29)', () => {
    const schedule = [sunday({ startTime: '02:00', endTime: '06:00' })];
    assert.deepEqual(availableSlots(slotsQuery({ date: '2026-03-29', schedule, durationMinutes: 60 })).slots, [
      { start: '2026-03-29T02:00:00+02:00', end: '2026-03-29T04:00:00+03:00' },
      { start: '2026-03-29T02:30:00+02:00', end: '2026-03-29T04:30:00+03:00' },
      { start: '2026-03-29T04:00:00+03:00', end: '2026-03-29T05:00:00+03:00' },
      { start: '2026-03-29T04:30:00+03:00', end: '2026-03-29T05:30:00+03:00' },
      { start: '2026-03-29T05:00:00+03:00', end: '2026-03-29T06:00:00+03:00' },
    ]);
  });

  it('gives the memoized answer the plain one gives, keeping durations apart', () => {
    const memoized = memoizedAvailableSlots();
    for (const durationMinutes of [undefined, 60, 20, 60]) {
      const query = slotsQuery({ durationMinutes });
      assert.deepEqual(memoized(query), availableSlots(query));
    }
  });
});

describe('checkBookable with a visit type (durationMinutes)', () => {
  it('accepts a visit of the length from a slot start', () => {
    assert.equal(bookable('2026-03-30T09:30:00+03:00', '2026-03-30T10:30:00+03:00', { durationMinutes: 60 }), 'OK');
    assert.equal(bookable('2026-03-30T10:30:00+03:00', '2026-03-30T10:50:00+03:00', { durationMinutes: 20 }), 'OK');
  });

  it('refuses another length, a start off the grid, and the end of the working hours', () => {
    assert.equal(bookable('2026-03-30T09:00:00+03:00', '2026-03-30T09:30:00+03:00', { durationMinutes: 60 }), 'MISALIGNED');
    assert.equal(bookable('2026-03-30T09:10:00+03:00', '2026-03-30T10:10:00+03:00', { durationMinutes: 60 }), 'MISALIGNED');
    assert.equal(bookable('2026-03-30T10:30:00+03:00', '2026-03-30T11:30:00+03:00', { durationMinutes: 60 }), 'OUTSIDE_SCHEDULE');
  });

  it('keeps one slot the only booking without a duration', () => {
    assert.equal(bookable('2026-03-30T09:00:00+03:00', '2026-03-30T10:00:00+03:00'), 'MISALIGNED');
  });

  it('answers as checkBookable when memoized', () => {
    const memoized = memoizedCheckBookable();
    const query = (start: string, end: string, durationMinutes?: number): BookableQuery => ({
      start: new Date(start),
      end: new Date(end),
      timeZone: BUCHAREST,
      schedule: [entry()],
      timeOff: [],
      now: new Date('2026-03-01T00:00:00Z'),
      horizonDays: 60,
      durationMinutes,
    });
    assert.deepEqual(memoized(query('2026-03-30T09:00:00+03:00', '2026-03-30T10:00:00+03:00', 60)), { ok: true });
    assert.equal(memoized(query('2026-03-30T09:00:00+03:00', '2026-03-30T10:00:00+03:00')).ok, false);
    assert.deepEqual(memoized(query('2026-03-30T09:00:00+03:00', '2026-03-30T09:30:00+03:00')), { ok: true });
  });
});

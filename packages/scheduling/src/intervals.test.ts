import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { overlaps } from './intervals.ts';
import { interval } from './fixtures.ts';

describe('overlaps', () => {
  const nineToTen = interval('2026-03-30T09:00:00+03:00', '2026-03-30T10:00:00+03:00');

  it('is true when one interval runs into the other', () => {
    const half = interval('2026-03-30T09:30:00+03:00', '2026-03-30T10:30:00+03:00');
    assert.equal(overlaps(nineToTen, half), true);
    assert.equal(overlaps(half, nineToTen), true);
  });

  it('is true when one interval contains the other', () => {
    const inside = interval('2026-03-30T09:15:00+03:00', '2026-03-30T09:45:00+03:00');
    assert.equal(overlaps(nineToTen, inside), true);
    assert.equal(overlaps(inside, nineToTen), true);
  });

  it('is true for the same interval', () => {
    assert.equal(overlaps(nineToTen, nineToTen), true);
  });

  it('is false when intervals only touch, since the end is excluded', () => {
    const next = interval('2026-03-30T10:00:00+03:00', '2026-03-30T11:00:00+03:00');
    assert.equal(overlaps(nineToTen, next), false);
    assert.equal(overlaps(next, nineToTen), false);
  });

  it('is false for intervals apart', () => {
    const later = interval('2026-03-30T12:00:00+03:00', '2026-03-30T13:00:00+03:00');
    assert.equal(overlaps(nineToTen, later), false);
  });

  it('compares instants, whatever offset they were written with', () => {
    const sameHourInUtc = interval('2026-03-30T06:30:00Z', '2026-03-30T07:30:00Z');
    assert.equal(overlaps(nineToTen, sameHourInUtc), true);
  });
});

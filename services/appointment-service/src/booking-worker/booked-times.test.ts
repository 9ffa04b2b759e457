import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bookedTimes } from './booked-times.ts';

const ANA = 'doctor-ana';
const DAN = 'doctor-dan';
const at = (hh: number, mm = 0) => Date.UTC(2026, 11, 3, hh, mm);
const slot = (hh: number, mm = 0) => ({ start: at(hh, mm), end: at(hh, mm) + 30 * 60_000 });

describe('bookedTimes', () => {
  it('knows a doctor booked at any moment of an active appointment, and only that doctor', () => {
    const times = bookedTimes([{ doctorId: ANA, ...slot(9) }]);
    assert.equal(times.overlaps(ANA, slot(9)), true);
    assert.equal(times.overlaps(ANA, { start: at(9, 15), end: at(9, 45) }), true, 'a partial overlap');
    assert.equal(times.overlaps(ANA, slot(9, 30)), false, 'the next slot begins where it ends');
    assert.equal(times.overlaps(ANA, slot(8, 30)), false, 'the slot before ends where it begins');
    assert.equal(times.overlaps(DAN, slot(9)), false, 'another doctor');
  });

  it('adds what the batch books', () => {
    const times = bookedTimes([]);
    assert.equal(times.overlaps(ANA, slot(10)), false);
    times.add(ANA, slot(10));
    assert.equal(times.overlaps(ANA, slot(10)), true);
    times.add(ANA, slot(11));
    assert.equal(times.overlaps(ANA, slot(10)) && times.overlaps(ANA, slot(11)), true);
  });

  it('knows nothing more of a doctor forgotten (the batch freed or moved their times), even what it books next', () => {
    const times = bookedTimes([
      { doctorId: ANA, ...slot(9) },
      { doctorId: DAN, ...slot(9) },
    ]);
    times.forget(ANA);
    assert.equal(times.overlaps(ANA, slot(9)), false);
    times.add(ANA, slot(12));
    assert.equal(times.overlaps(ANA, slot(12)), false);
    assert.equal(times.overlaps(DAN, slot(9)), true, 'the other doctors are still known');
  });
});

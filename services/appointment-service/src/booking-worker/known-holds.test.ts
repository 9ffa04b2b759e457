import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knownHolds } from './known-holds.ts';

const hold = (doctorId: string, start: number, end: number, id = `${doctorId}-${start}`) => ({
  id,
  doctor_id: doctorId,
  patient_id: 'p',
  expires_at: '2030-01-01T10:00:00.000Z',
  expired: false,
  start,
  end,
});

describe('knownHolds', () => {
  it('answers the doctor’s holds overlapping a time, and none of another doctor’s or of a time beside it', () => {
    const holds = knownHolds([hold('a', 10, 20), hold('a', 20, 30), hold('b', 10, 20)]);
    assert.deepEqual(
      holds.overlapping('a', { start: 15, end: 20 })!.map((h) => h.id),
      ['a-10'],
    );
    assert.deepEqual(holds.overlapping('a', { start: 30, end: 40 }), []);
    assert.deepEqual(holds.overlapping('c', { start: 10, end: 20 }), []);
  });

  it('knows nothing more of a forgotten doctor, so their holds are read again', () => {
    const holds = knownHolds([hold('a', 10, 20), hold('b', 10, 20)]);
    holds.forget('a');
    assert.equal(holds.overlapping('a', { start: 10, end: 20 }), undefined);
    assert.equal(holds.overlapping('b', { start: 10, end: 20 })!.length, 1);
  });
});

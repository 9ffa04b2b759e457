import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionsAllowedNow } from './rules.ts';

const ALL = ['VIEW', 'RESCHEDULE', 'CANCEL'] as const;
const appointment = (status: 'PENDING' | 'CONFIRMED' | 'CANCELLED', start = '2026-12-03T10:00:00.000Z') => ({
  patient_id: '11111111-1111-4111-8111-111111111111',
  patient_email: 'p@example.com',
  patient_name: 'Ana',
  doctor_user_id: '22222222-2222-4222-8222-222222222222',
  status,
  start_time: start,
});

describe('what an emailed link allows now', () => {
  it('everything it carries on a pending appointment before the cut-off', () => {
    assert.deepEqual(actionsAllowedNow(ALL, appointment('PENDING'), new Date('2026-12-02T10:00:00Z'), 12), ALL);
  });
  it('no reschedule of a confirmed appointment (the patient cannot move it logged in either), still cancel', () => {
    assert.deepEqual(actionsAllowedNow(ALL, appointment('CONFIRMED'), new Date('2026-12-02T10:00:00Z'), 12), ['VIEW', 'CANCEL']);
  });
  it('only viewing inside the cut-off, after the start, or once cancelled', () => {
    assert.deepEqual(actionsAllowedNow(ALL, appointment('PENDING'), new Date('2026-12-03T00:00:01Z'), 10), ['VIEW']);
    assert.deepEqual(actionsAllowedNow(ALL, appointment('PENDING'), new Date('2026-12-03T10:00:00Z'), 0), ['VIEW']);
    assert.deepEqual(actionsAllowedNow(ALL, appointment('CANCELLED'), new Date('2026-12-01T10:00:00Z'), 12), ['VIEW']);
  });
  it('the cut-off instant itself still allows the change, as logged in', () => {
    assert.deepEqual(actionsAllowedNow(ALL, appointment('PENDING'), new Date('2026-12-02T22:00:00Z'), 12), ALL);
  });
  it('never more than the link carries', () => {
    assert.deepEqual(actionsAllowedNow(['VIEW'], appointment('PENDING'), new Date('2026-12-01T10:00:00Z'), 12), ['VIEW']);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clinicDateTime, daysBetween, holdEnd, holdVerdict, nextWaiter, waitlistRangeProblem, type WaitingCandidate } from './rules.ts';

describe('a waitlist range', () => {
  const today = '2026-03-10';
  const problem = (date_from: string, date_to: string, horizon = 90) => waitlistRangeProblem({ date_from, date_to }, today, horizon)?.code;

  it('may start today and cover one day or up to 31', () => {
    assert.equal(problem('2026-03-10', '2026-03-10'), undefined);
    assert.equal(problem('2026-03-10', '2026-04-09'), undefined);
    assert.equal(daysBetween('2026-03-10', '2026-04-09'), 30);
  });

  it('is refused ending before it starts, or longer than 31 days', () => {
    assert.equal(problem('2026-03-12', '2026-03-11'), 'INVALID_RANGE');
    assert.equal(problem('2026-03-10', '2026-04-10'), 'RANGE_TOO_LONG');
  });

  it('is refused starting in the past, or ending beyond the booking horizon', () => {
    assert.equal(problem('2026-03-09', '2026-03-12'), 'IN_PAST');
    assert.equal(problem('2026-03-15', '2026-03-20', 9), 'BEYOND_HORIZON');
    assert.equal(problem('2026-03-15', '2026-03-20', 10), undefined);
    assert.equal(problem('2026-03-15', '2026-03-15', 5), undefined, 'the horizon’s last day is still bookable');
  });

  it('counts days across the change to summer time as calendar days', () => {
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
  });
});

describe('who is offered a freed time next', () => {
  const candidate = (entry_id: string, created_at: string, extra: Partial<WaitingCandidate> = {}): WaitingCandidate => ({
    entry_id,
    patient_id: `patient-${entry_id}`,
    created_at,
    date_from: '2026-03-10',
    date_to: '2026-03-20',
    busy: false,
    lapsed_before: false,
    ...extra,
  });

  it('is the one who asked first, whatever order the candidates come in', () => {
    const waiters = [
      candidate('b', '2026-03-01T10:00:01Z'),
      candidate('a', '2026-03-01T10:00:00Z'),
      candidate('c', '2026-03-02T08:00:00Z'),
    ];
    assert.equal(nextWaiter(waiters, '2026-03-12')?.entry_id, 'a');
  });

  it('skips a waiter busy at that time, and one who let this same time lapse before', () => {
    const waiters = [
      candidate('a', '2026-03-01T10:00:00Z', { busy: true }),
      candidate('b', '2026-03-01T11:00:00Z', { lapsed_before: true }),
      candidate('c', '2026-03-01T12:00:00Z'),
    ];
    assert.equal(nextWaiter(waiters, '2026-03-12')?.entry_id, 'c');
  });

  it('offers only to ranges that cover the day, both ends included, and to nobody when none is left', () => {
    const waiters = [candidate('a', '2026-03-01T10:00:00Z', { date_from: '2026-03-13', date_to: '2026-03-14' })];
    assert.equal(nextWaiter(waiters, '2026-03-12'), undefined);
    assert.equal(nextWaiter(waiters, '2026-03-13')?.entry_id, 'a');
    assert.equal(nextWaiter(waiters, '2026-03-14')?.entry_id, 'a');
    assert.equal(nextWaiter([], '2026-03-12'), undefined);
  });

  it('breaks a tie of join times by entry id, so every replica picks the same', () => {
    const waiters = [candidate('b', '2026-03-01T10:00:00Z'), candidate('a', '2026-03-01T10:00:00Z')];
    assert.equal(nextWaiter(waiters, '2026-03-12')?.entry_id, 'a');
  });
});

describe('a booking of a held time', () => {
  const hold = (patient_id: string, expired = false) => ({
    id: `hold-${patient_id}`,
    patient_id,
    expires_at: '2026-03-10T10:10:00Z',
    expired,
  });

  it('is refused to anyone but the holder while the hold runs', () => {
    const verdict = holdVerdict([hold('waiter')], 'someone-else');
    assert.equal(verdict.kind, 'HELD');
  });

  it('uses up the holder’s own hold', () => {
    assert.deepEqual(holdVerdict([hold('waiter')], 'waiter'), { kind: 'OWN', holds: [hold('waiter')] });
    assert.deepEqual(
      holdVerdict([hold('waiter', true)], 'waiter'),
      { kind: 'OWN', holds: [hold('waiter', true)] },
      'expired, not yet passed on',
    );
  });

  it('is free for anyone once the hold expired, and when nothing holds the time', () => {
    assert.deepEqual(holdVerdict([hold('waiter', true)], 'someone-else'), { kind: 'FREE' });
    assert.deepEqual(holdVerdict([], 'someone-else'), { kind: 'FREE' });
  });
});

describe('the end of a hold', () => {
  const offeredAt = new Date('2026-12-07T13:00:00.000Z');

  it('is the hold length after the offer when the time starts later', () => {
    assert.equal(holdEnd(offeredAt, 600, new Date('2026-12-07T14:00:00.000Z')).toISOString(), '2026-12-07T13:10:00.000Z');
    assert.equal(holdEnd(offeredAt, 600, new Date('2026-12-07T13:10:00.000Z')).toISOString(), '2026-12-07T13:10:00.000Z', 'both at once');
  });

  it('is the time’s start when that comes sooner: a hold never outlives its time', () => {
    assert.equal(holdEnd(offeredAt, 600, new Date('2026-12-07T13:04:00.000Z')).toISOString(), '2026-12-07T13:04:00.000Z');
    assert.equal(holdEnd(offeredAt, 86_400, new Date('2026-12-07T18:30:00.000Z')).toISOString(), '2026-12-07T18:30:00.000Z');
  });

  it('comes a minimum notice before the start, once there is one', () => {
    const start = new Date('2026-12-07T13:30:00.000Z');
    assert.equal(holdEnd(offeredAt, 600, start, 30 * 60).toISOString(), '2026-12-07T13:00:00.000Z', 'no time left to hold');
    assert.equal(holdEnd(offeredAt, 600, start, 25 * 60).toISOString(), '2026-12-07T13:05:00.000Z');
    assert.equal(holdEnd(offeredAt, 600, start, 10 * 60).toISOString(), '2026-12-07T13:10:00.000Z');
  });
});

describe('a held time told in clinic time', () => {
  it('shows the clinic’s wall clock, not UTC, with the zone named', () => {
    assert.equal(clinicDateTime('2026-12-07T13:10:05.000Z', 'Europe/Bucharest'), '2026-12-07 15:10:05 (Europe/Bucharest)');
    // After midnight in the clinic while still the day before in UTC; and summer time (UTC+3).
    assert.equal(clinicDateTime('2026-12-07T22:30:00.000Z', 'Europe/Bucharest'), '2026-12-08 00:30:00 (Europe/Bucharest)');
    assert.equal(clinicDateTime('2026-07-01T09:00:00.000Z', 'Europe/Bucharest'), '2026-07-01 12:00:00 (Europe/Bucharest)');
  });
});

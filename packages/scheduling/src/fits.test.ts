import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUCHAREST, entry, timeOff } from './fixtures.ts';
import { misfitOf, type FitQuery } from './fits.ts';

/** Monday 2026-03-30 09:30–10:00 in Bucharest, against the Monday 09:00–11:00 entry unless told. */
function misfit(overrides: Partial<FitQuery> = {}) {
  return misfitOf({
    start: new Date('2026-03-30T09:30:00+03:00'),
    end: new Date('2026-03-30T10:00:00+03:00'),
    timeZone: BUCHAREST,
    schedule: [entry()],
    timeOff: [],
    ...overrides,
  });
}

describe('misfitOf', () => {
  it('keeps an appointment inside the working hours', () => {
    assert.equal(misfit(), undefined);
  });

  it('keeps an appointment off the slot grid, as long as working hours cover it', () => {
    const schedule = [entry({ slotMinutes: 60 })];
    assert.equal(misfit({ schedule }), undefined);
  });

  it('keeps an appointment covered by two adjoining entries', () => {
    const schedule = [entry({ endTime: '09:45' }), entry({ id: 'entry-2', startTime: '09:45', endTime: '12:00' })];
    assert.equal(misfit({ schedule }), undefined);
  });

  it('says OUTSIDE_SCHEDULE once the entry holding it is gone', () => {
    assert.equal(misfit({ schedule: [] }), 'OUTSIDE_SCHEDULE');
    assert.equal(misfit({ schedule: [entry({ weekday: 2 })] }), 'OUTSIDE_SCHEDULE');
  });

  it('says OUTSIDE_SCHEDULE when the hours left cover only part of it', () => {
    assert.equal(misfit({ schedule: [entry({ endTime: '09:45' })] }), 'OUTSIDE_SCHEDULE');
    assert.equal(misfit({ schedule: [entry({ startTime: '09:45', endTime: '11:00' })] }), 'OUTSIDE_SCHEDULE');
  });

  it('says OUTSIDE_SCHEDULE when the entry is no longer valid on its date', () => {
    assert.equal(misfit({ schedule: [entry({ validTo: '2026-03-29' })] }), 'OUTSIDE_SCHEDULE');
    assert.equal(misfit({ schedule: [entry({ validFrom: '2026-03-31' })] }), 'OUTSIDE_SCHEDULE');
    assert.equal(misfit({ schedule: [entry({ validFrom: '2026-03-30', validTo: '2026-03-30' })] }), undefined);
  });

  it('says TIME_OFF when time off covers its date, first or last day included', () => {
    assert.equal(misfit({ timeOff: [timeOff('2026-03-30', '2026-03-30')] }), 'TIME_OFF');
    assert.equal(misfit({ timeOff: [timeOff('2026-03-25', '2026-03-30')] }), 'TIME_OFF');
    assert.equal(misfit({ timeOff: [timeOff('2026-03-30', '2026-04-05')] }), 'TIME_OFF');
    assert.equal(misfit({ timeOff: [timeOff('2026-03-31', '2026-04-05')] }), undefined);
  });

  it('reads the date in the clinic’s zone: 00:30 in Bucharest is the day before in UTC', () => {
    const schedule = [entry({ startTime: '00:00', endTime: '02:00' })];
    const start = new Date('2026-03-30T00:30:00+03:00');
    const end = new Date('2026-03-30T01:00:00+03:00');
    assert.equal(misfitOf({ start, end, timeZone: BUCHAREST, schedule, timeOff: [timeOff('2026-03-29', '2026-03-29')] }), undefined);
    assert.equal(misfitOf({ start, end, timeZone: BUCHAREST, schedule, timeOff: [timeOff('2026-03-30', '2026-03-30')] }), 'TIME_OFF');
  });

  it('keeps an appointment that ends at the midnight ending an entry at 24:00', () => {
    const schedule = [entry({ startTime: '23:00', endTime: '24:00' })];
    const start = new Date('2026-03-30T23:30:00+03:00');
    const end = new Date('2026-03-31T00:00:00+03:00');
    assert.equal(misfitOf({ start, end, timeZone: BUCHAREST, schedule, timeOff: [timeOff('2026-03-31', '2026-03-31')] }), undefined);
  });
});

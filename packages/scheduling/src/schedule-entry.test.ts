import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findOverlappingEntry, validateScheduleEntry } from './schedule-entry.ts';
import { entry } from './fixtures.ts';
import type { ScheduleEntryInput } from './types.ts';

const validInput: ScheduleEntryInput = { weekday: 1, startTime: '09:00', endTime: '13:00', slotMinutes: 30 };

function problemsOf(overrides: Partial<ScheduleEntryInput>): { field: string; message: string }[] {
  const result = validateScheduleEntry({ ...validInput, ...overrides });
  return result.ok ? [] : result.problems;
}

function fieldsWithProblems(overrides: Partial<ScheduleEntryInput>): string[] {
  return problemsOf(overrides).map((problem) => problem.field);
}

describe('validateScheduleEntry', () => {
  it('accepts a well-formed entry', () => {
    assert.deepEqual(validateScheduleEntry(validInput), { ok: true });
  });

  it('accepts an entry with a validity window', () => {
    assert.deepEqual(fieldsWithProblems({ validFrom: '2026-04-01', validTo: '2026-06-30' }), []);
  });

  it('accepts a validity window of a single day', () => {
    assert.deepEqual(fieldsWithProblems({ validFrom: '2026-04-01', validTo: '2026-04-01' }), []);
  });

  it('defaults slotMinutes to 30, which must then divide the interval', () => {
    const withoutSlotMinutes = { weekday: 1, startTime: '09:00', endTime: '13:00' };
    assert.deepEqual(validateScheduleEntry(withoutSlotMinutes), { ok: true });
    assert.deepEqual(validateScheduleEntry({ ...withoutSlotMinutes, endTime: '09:45' }), {
      ok: false,
      problems: [{ field: 'slotMinutes', message: 'must divide the 45 minutes from startTime to endTime' }],
    });
  });

  it('accepts 24:00 as the end of the day', () => {
    assert.deepEqual(fieldsWithProblems({ startTime: '20:00', endTime: '24:00' }), []);
  });

  it('rejects 24:00 as a start', () => {
    assert.deepEqual(fieldsWithProblems({ startTime: '24:00', endTime: '24:00' }), ['startTime']);
  });

  it('rejects weekdays outside 1..7 and fractions', () => {
    for (const weekday of [0, 8, -1, 1.5, Number.NaN]) {
      assert.deepEqual(fieldsWithProblems({ weekday }), ['weekday'], String(weekday));
    }
  });

  it('accepts every weekday from Monday 1 to Sunday 7', () => {
    for (const weekday of [1, 2, 3, 4, 5, 6, 7]) assert.deepEqual(fieldsWithProblems({ weekday }), []);
  });

  it('rejects malformed times', () => {
    for (const time of ['9:00', '09:60', '25:00', '0900', '09:00:00', '']) {
      assert.deepEqual(fieldsWithProblems({ startTime: time }), ['startTime'], time);
      assert.deepEqual(fieldsWithProblems({ endTime: time }), ['endTime'], time);
    }
  });

  it('rejects an end that is not after the start', () => {
    assert.deepEqual(problemsOf({ startTime: '13:00', endTime: '09:00' }), [{ field: 'endTime', message: 'must be after startTime' }]);
    assert.deepEqual(fieldsWithProblems({ startTime: '09:00', endTime: '09:00' }), ['endTime']);
  });

  it('rejects slot lengths outside 5..480 minutes or not whole', () => {
    for (const slotMinutes of [0, 4, 481, 22.5, -30]) {
      assert.deepEqual(
        problemsOf({ slotMinutes, startTime: '00:00', endTime: '24:00' }),
        [{ field: 'slotMinutes', message: 'must be an integer from 5 to 480' }],
        String(slotMinutes),
      );
    }
  });

  it('accepts the shortest and longest slot lengths', () => {
    assert.deepEqual(fieldsWithProblems({ slotMinutes: 5 }), []);
    assert.deepEqual(fieldsWithProblems({ slotMinutes: 480, startTime: '08:00', endTime: '16:00' }), []);
  });

  it('rejects a slot length that does not divide the working time', () => {
    assert.deepEqual(fieldsWithProblems({ slotMinutes: 45, startTime: '09:00', endTime: '10:00' }), ['slotMinutes']);
    assert.deepEqual(fieldsWithProblems({ slotMinutes: 90, startTime: '09:00', endTime: '10:00' }), ['slotMinutes']);
  });

  it('rejects validity dates that are not real calendar dates', () => {
    assert.deepEqual(fieldsWithProblems({ validFrom: '2026-02-30' }), ['validFrom']);
    assert.deepEqual(fieldsWithProblems({ validTo: '2026/06/30' }), ['validTo']);
    assert.deepEqual(fieldsWithProblems({ validFrom: '' }), ['validFrom']);
  });

  it('rejects a validity window that ends before it starts', () => {
    assert.deepEqual(problemsOf({ validFrom: '2026-06-30', validTo: '2026-04-01' }), [
      { field: 'validTo', message: 'must not be before validFrom' },
    ]);
  });

  it('reports values of the wrong JSON type as problems rather than throwing', () => {
    const fromJson = JSON.parse(
      '{"weekday":"1","startTime":900,"endTime":null,"slotMinutes":"30","validFrom":20260401,"validTo":false}',
    ) as ScheduleEntryInput;
    assert.deepEqual(
      problemsOf(fromJson).map((problem) => problem.field),
      ['weekday', 'startTime', 'endTime', 'slotMinutes', 'validFrom', 'validTo'],
    );
  });

  it('reports every problem at once', () => {
    assert.deepEqual(fieldsWithProblems({ weekday: 9, startTime: 'noon', slotMinutes: 1, validTo: 'soon' }), [
      'weekday',
      'startTime',
      'slotMinutes',
      'validTo',
    ]);
  });
});

describe('findOverlappingEntry', () => {
  const morning = entry({ id: 'morning', weekday: 1, startTime: '09:00', endTime: '12:00' });
  const afternoon = entry({ id: 'afternoon', weekday: 1, startTime: '14:00', endTime: '18:00' });
  const existing = [morning, afternoon];

  it('finds an entry on the same weekday whose hours overlap', () => {
    assert.equal(findOverlappingEntry(existing, { ...validInput, startTime: '11:00', endTime: '15:00' }), morning);
    assert.equal(findOverlappingEntry(existing, { ...validInput, startTime: '15:00', endTime: '16:00' }), afternoon);
  });

  it('finds an entry that the candidate encloses', () => {
    assert.equal(findOverlappingEntry(existing, { ...validInput, startTime: '08:00', endTime: '13:00' }), morning);
  });

  it('lets entries touch end to start', () => {
    assert.equal(findOverlappingEntry(existing, { ...validInput, startTime: '12:00', endTime: '14:00' }), undefined);
    assert.equal(findOverlappingEntry(existing, { ...validInput, startTime: '18:00', endTime: '24:00' }), undefined);
  });

  it('ignores entries on other weekdays', () => {
    assert.equal(findOverlappingEntry(existing, { ...validInput, weekday: 2, startTime: '09:00' }), undefined);
  });

  it('ignores entries whose validity ends before the candidate starts', () => {
    const untilMarch = entry({ validFrom: null, validTo: '2026-03-31' });
    const fromApril = { ...validInput, validFrom: '2026-04-01' };
    assert.equal(findOverlappingEntry([untilMarch], fromApril), undefined);
  });

  it('ignores entries whose validity starts after the candidate ends', () => {
    const fromApril = entry({ validFrom: '2026-04-01', validTo: null });
    assert.equal(findOverlappingEntry([fromApril], { ...validInput, validTo: '2026-03-31' }), undefined);
  });

  it('counts a shared last and first validity day as overlapping', () => {
    const untilApril = entry({ validTo: '2026-04-01' });
    assert.equal(findOverlappingEntry([untilApril], { ...validInput, validFrom: '2026-04-01' }), untilApril);
  });

  it('treats missing validity bounds as open-ended', () => {
    const always = entry({ validFrom: null, validTo: null });
    assert.equal(findOverlappingEntry([always], { ...validInput, validFrom: '2030-01-01', validTo: '2030-01-31' }), always);
    const summer = entry({ validFrom: '2026-06-01', validTo: '2026-08-31' });
    assert.equal(findOverlappingEntry([summer], validInput), summer);
  });

  it('finds nothing in an empty schedule', () => {
    assert.equal(findOverlappingEntry([], validInput), undefined);
  });
});

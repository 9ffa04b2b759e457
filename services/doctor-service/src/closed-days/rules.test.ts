import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orthodoxEaster, romanianPublicHolidays } from './rules.ts';

describe('orthodoxEaster', () => {
  it('finds the published dates', () => {
    assert.equal(orthodoxEaster(2024), '2024-05-05');
    assert.equal(orthodoxEaster(2025), '2025-04-20');
    assert.equal(orthodoxEaster(2026), '2026-04-12');
    assert.equal(orthodoxEaster(2027), '2027-05-02');
    assert.equal(orthodoxEaster(2028), '2028-04-16');
  });
});

describe('romanianPublicHolidays', () => {
  it('are the published list of 2026, Whit Monday and Children’s Day one day', () => {
    const days = romanianPublicHolidays(2026);
    assert.deepEqual(
      days.map((day) => day.date),
      [
        '2026-01-01',
        '2026-01-02',
        '2026-01-06',
        '2026-01-07',
        '2026-01-24',
        '2026-04-10',
        '2026-04-12',
        '2026-04-13',
        '2026-05-01',
        '2026-05-31',
        '2026-06-01',
        '2026-08-15',
        '2026-11-30',
        '2026-12-01',
        '2026-12-25',
        '2026-12-26',
      ],
    );
    assert.deepEqual(
      days.find((day) => day.date === '2026-06-01'),
      {
        date: '2026-06-01',
        name_ro: 'Ziua Copilului; A doua zi de Rusalii',
        name_en: 'Children’s Day; Orthodox Whit Monday',
      },
    );
    assert.equal(days.find((day) => day.date === '2026-12-25')?.name_ro, 'Crăciunul');
  });

  it('are the published list of 2027', () => {
    assert.deepEqual(
      romanianPublicHolidays(2027).map((day) => day.date),
      [
        '2027-01-01',
        '2027-01-02',
        '2027-01-06',
        '2027-01-07',
        '2027-01-24',
        '2027-04-30',
        '2027-05-01',
        '2027-05-02',
        '2027-05-03',
        '2027-06-01',
        '2027-06-20',
        '2027-06-21',
        '2027-08-15',
        '2027-11-30',
        '2027-12-01',
        '2027-12-25',
        '2027-12-26',
      ],
    );
  });
});

// Loading the public holidays into the real database: each year once, so a holiday the admin removed
// stays removed at the next start. Years far ahead, which no other test books in.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createPool } from '@clinic/service-kit';
import { loadPublicHolidays } from '../src/closed-days/index.ts';
import { testStack } from '../../../tests/support/stack.ts';

describe('loadPublicHolidays', () => {
  const pool = createPool(testStack().postgres.roles.doctor_service!.url, 2);
  const closedIn = async (year: number) =>
    (
      await pool.query<{ date: string; name_ro: string }>(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, name_ro FROM closed_days WHERE date BETWEEN $1 AND $2 ORDER BY date`,
        [`${year}-01-01`, `${year}-12-31`],
      )
    ).rows;

  after(async () => {
    await pool.query(`DELETE FROM closed_days WHERE date >= '2097-01-01'`);
    await pool.query(`DELETE FROM public_holiday_years WHERE year >= 2097`);
    await pool.end();
  });

  it('closes the clinic on each year’s holidays once, and leaves a removed one removed', async () => {
    assert.deepEqual(await loadPublicHolidays(pool, 'RO', [2098, 2099]), [2098, 2099]);
    const days = await closedIn(2099);
    assert.equal(days.length, 16);
    assert.deepEqual(
      days.find((day) => day.date === '2099-12-25'),
      { date: '2099-12-25', name_ro: 'Crăciunul' },
    );
    assert.equal((await closedIn(2098)).length > 0, true);

    // The admin opens the clinic on Christmas 2099; the next start loads nothing again.
    await pool.query(`DELETE FROM closed_days WHERE date = '2099-12-25'`);
    assert.deepEqual(await loadPublicHolidays(pool, 'RO', [2098, 2099]), []);
    assert.equal(
      (await closedIn(2099)).some((day) => day.date === '2099-12-25'),
      false,
    );
  });

  it('two starts at once load a year once', async () => {
    const [a, b] = await Promise.all([loadPublicHolidays(pool, 'RO', [2097]), loadPublicHolidays(pool, 'RO', [2097])]);
    assert.deepEqual([...a, ...b], [2097]);
    await pool.query(`DELETE FROM closed_days WHERE date BETWEEN '2097-01-01' AND '2097-12-31'`);
    await pool.query(`DELETE FROM public_holiday_years WHERE year = 2097`);
  });
});

import { isoDate, type PoolClient, type Queryable } from '@clinic/service-kit';
import type { ClosedDay } from '@clinic/contracts';
import type { NamedDay } from './rules.ts';

const columns = `${isoDate('date')} AS date, name_ro, name_en`;

export const closedDaysRepository = {
  async from(db: Queryable, from: string): Promise<ClosedDay[]> {
    const { rows } = await db.query<ClosedDay>(`SELECT ${columns} FROM closed_days WHERE date >= $1 ORDER BY date`, [from]);
    return rows;
  },

  /** Adds the day; undefined when the date is already closed. */
  async insert(db: Queryable, day: ClosedDay): Promise<ClosedDay | undefined> {
    const { rows } = await db.query<ClosedDay>(
      `INSERT INTO closed_days (date, name_ro, name_en) VALUES ($1, $2, $3) ON CONFLICT (date) DO NOTHING RETURNING ${columns}`,
      [day.date, day.name_ro, day.name_en],
    );
    return rows[0];
  },

  async remove(db: Queryable, date: string): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM closed_days WHERE date = $1', [date]);
    return (rowCount ?? 0) > 0;
  },

  /**
   * Of `years`, those whose public holidays of `country` were never loaded, marked loaded now: the
   * caller adds their days in the same transaction `tx`. The rows are locked, so that two replicas
   * starting at once load each year once.
   */
  async claimYears(tx: PoolClient, country: string, years: readonly number[]): Promise<number[]> {
    const { rows } = await tx.query<{ year: number }>(
      `INSERT INTO public_holiday_years (country, year) SELECT $1, unnest($2::int[])
       ON CONFLICT DO NOTHING RETURNING year`,
      [country, years],
    );
    return rows.map((row) => row.year).sort();
  },

  /** Adds the days, keeping any date already closed as it is. */
  async insertMany(tx: PoolClient, days: readonly NamedDay[]): Promise<void> {
    if (days.length === 0) return;
    await tx.query(
      `INSERT INTO closed_days (date, name_ro, name_en)
       SELECT * FROM unnest($1::date[], $2::text[], $3::text[]) ON CONFLICT (date) DO NOTHING`,
      [days.map((day) => day.date), days.map((day) => day.name_ro), days.map((day) => day.name_en)],
    );
  },
};

import { inTransaction, type Pool, type Queryable } from '@clinic/service-kit';

/** The nightly runs of the daily agendas, one row per clinic day (`reminder_runs`). */
export const reminderRunsRepository = {
  /** When the latest run that finished finished, as seconds since the epoch; undefined before the first. */
  async lastCompleted(db: Queryable): Promise<number | undefined> {
    const { rows } = await db.query<{ at: number | null }>(`SELECT extract(epoch FROM max(completed_at))::float8 AS at FROM reminder_runs`);
    return rows[0]!.at ?? undefined;
  },

  /**
   * Runs `work` for the day unless it is done or another replica runs it right now (its row is locked);
   * the day is marked done in the same transaction, so a replica dying mid-run leaves it to be run again.
   */
  async runOnce(pool: Pool, day: string, work: () => Promise<void>): Promise<'ran' | 'done' | 'busy'> {
    await pool.query(`INSERT INTO reminder_runs (day) VALUES ($1) ON CONFLICT DO NOTHING`, [day]);
    return inTransaction(pool, async (tx) => {
      const { rows } = await tx.query<{ completed: boolean }>(
        `SELECT completed_at IS NOT NULL AS completed FROM reminder_runs WHERE day = $1 FOR UPDATE SKIP LOCKED`,
        [day],
      );
      if (rows.length === 0) return 'busy';
      if (rows[0]!.completed) return 'done';
      await work();
      await tx.query(`UPDATE reminder_runs SET completed_at = now() WHERE day = $1`, [day]);
      return 'ran';
    });
  },
};

import { isoTimestamp, type Queryable } from '@clinic/service-kit';
import type { TokenNotBefore } from '@clinic/contracts';

/** Each user's latest not-before (migrations/005_token_not_before.sql). */
export const tokenNotBeforeRepository = {
  /** Moves the user's not-before to this instant (the clock's, not the transaction's start); answers it. */
  async advance(db: Queryable, userId: string): Promise<string> {
    const { rows } = await db.query<{ not_before: string }>(
      `INSERT INTO token_not_before (user_id, not_before) VALUES ($1, clock_timestamp())
       ON CONFLICT (user_id) DO UPDATE SET not_before = GREATEST(token_not_before.not_before, EXCLUDED.not_before)
       RETURNING ${isoTimestamp('not_before')} AS not_before`,
      [userId],
    );
    return rows[0]!.not_before;
  },

  /** The not-befores set within the last `withinMs`. */
  async recent(db: Queryable, withinMs: number): Promise<TokenNotBefore[]> {
    const { rows } = await db.query<TokenNotBefore>(
      `SELECT user_id, ${isoTimestamp('not_before')} AS not_before FROM token_not_before
       WHERE not_before > clock_timestamp() - $1 * interval '1 millisecond'`,
      [withinMs],
    );
    return rows;
  },
};

import type { Queryable } from '@clinic/service-kit';

/** The ids of the link tokens that cancelled their appointment. */
export const usedLinkTokensRepository = {
  /** Records the token's use; false when it was used already. */
  async use(db: Queryable, tokenId: string, appointmentId: string): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO used_link_tokens (token_id, appointment_id, action) VALUES ($1, $2, 'CANCEL') ON CONFLICT (token_id) DO NOTHING`,
      [tokenId, appointmentId],
    );
    return rowCount === 1;
  },

  /** Gives the use back: the cancel it was for was refused. */
  async release(db: Queryable, tokenId: string): Promise<void> {
    await db.query(`DELETE FROM used_link_tokens WHERE token_id = $1`, [tokenId]);
  },

  async used(db: Queryable, tokenId: string): Promise<boolean> {
    const { rowCount } = await db.query(`SELECT 1 FROM used_link_tokens WHERE token_id = $1`, [tokenId]);
    return rowCount === 1;
  },
};

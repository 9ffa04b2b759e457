import type { PoolClient, TokenNotBefores } from '@clinic/service-kit';
import { userEventsRepository as events } from '../events/index.ts';
import { tokenNotBeforeRepository as notBeforeRows } from './token-not-before-repository.ts';

/**
 * Moves the user's not-before to now and records `user.tokens_revoked`, in the transaction of the
 * change (every service then refuses the tokens issued before it); answers when this replica heeds it.
 */
export async function revokeTokens(tx: PoolClient, notBefores: TokenNotBefores, userId: string): Promise<() => void> {
  const notBefore = await notBeforeRows.advance(tx, userId);
  await events.recordTokensRevoked(tx, userId, notBefore);
  return () => notBefores.record(userId, Date.parse(notBefore));
}

import type { RecentTokenNotBefores, TokenNotBefore } from '@clinic/contracts';
import { AppError, unavailable } from './errors.ts';
import { callService } from './service-client.ts';

/**
 * How long a user's "not before" matters: past the longest token life (Keycloak's access tokens live
 * 300 s) and the clock tolerance, every token issued before it has expired anyway. A process that
 * starts up loads the not-befores younger than this, and forgets older ones.
 */
export const TOKEN_NOT_BEFORE_MEMORY_MS = 10 * 60_000;

/**
 * Whether a token issued at `issuedAtSeconds` (its `iat`, whole seconds) predates a not-before. Compared
 * in whole seconds, as Keycloak's own not-before is: the token of a login in the very second of the
 * change stays valid (a doctor made one logs in at once to act as one), at the price of a token issued
 * earlier in that same second. A token without `iat` predates every not-before.
 */
export function issuedBefore(issuedAtSeconds: number | undefined, notBeforeMs: number): boolean {
  return (issuedAtSeconds ?? Number.NEGATIVE_INFINITY) < Math.floor(notBeforeMs / 1000);
}

/**
 * The latest not-before of each user this process was told of (user-service's `user.tokens_revoked`
 * events, and the recent ones loaded at start-up). Checked on every request: one Map lookup.
 */
export interface TokenNotBefores {
  /** Remembers a user's not-before (epoch ms); one older than the one known already changes nothing. */
  record(userId: string, notBeforeMs: number): void;
  /** Whether the user's token issued at `issuedAtSeconds` must be refused. */
  revokes(userId: string, issuedAtSeconds: number | undefined): boolean;
  /** How many users' not-befores are remembered. */
  readonly size: number;
}

export function tokenNotBefores(options: { memoryMs?: number; now?: () => number } = {}): TokenNotBefores {
  const memoryMs = options.memoryMs ?? TOKEN_NOT_BEFORE_MEMORY_MS;
  const now = options.now ?? Date.now;
  const latest = new Map<string, number>();

  /** Not-befores too old to matter are forgotten when a new one comes (they come seldom, and few are kept). */
  function forgetOld() {
    const horizon = now() - memoryMs;
    for (const [userId, notBefore] of latest) if (notBefore < horizon) latest.delete(userId);
  }

  return {
    record(userId, notBeforeMs) {
      const known = latest.get(userId);
      if (known !== undefined && known >= notBeforeMs) return;
      latest.set(userId, notBeforeMs);
      forgetOld();
    },
    revokes(userId, issuedAtSeconds) {
      const notBefore = latest.get(userId);
      return notBefore !== undefined && issuedBefore(issuedAtSeconds, notBefore);
    },
    get size() {
      return latest.size;
    },
  };
}

/** The answer to a token issued before its user's latest role change or deletion. */
export const tokenRevoked = () =>
  new AppError(401, 'TOKEN_REVOKED', 'This token was issued before the account’s role changed or the account was deleted; sign in again');

/**
 * Loads the not-befores recent enough to matter from user-service (its internal route, with the
 * service's own token): what a process starting up, or subscribed again after a broker outage, reads.
 */
export function recentTokenNotBefores(userServiceUrl: string, serviceToken: () => Promise<string>) {
  return async (): Promise<TokenNotBefore[]> => {
    const url = `${userServiceUrl}/internal/users/token-not-befores`;
    const result = await callService<RecentTokenNotBefores>(url, { token: await serviceToken() });
    if (result.status !== 200) throw unavailable(`user-service answered ${result.status} for the recent token not-befores`);
    return result.body.items;
  };
}

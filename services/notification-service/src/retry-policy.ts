export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/**
 * After failed attempt number `attempts` (1-based): the delay before the next one, doubling from
 * `baseMs` up to `maxMs`; undefined once the budget is spent (the notification is FAILED).
 */
export function nextRetryDelay(attempts: number, policy: RetryPolicy): number | undefined {
  if (attempts >= policy.maxAttempts) return undefined;
  return Math.min(policy.baseMs * 2 ** Math.max(0, attempts - 1), policy.maxMs);
}

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

/**
 * A refusal the relay will repeat (an SMTP 5xx answer: unknown recipient, message refused): retrying
 * cannot help, the notification is FAILED at once. Anything else (a relay that is down, 4xx) is retried.
 */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | undefined)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

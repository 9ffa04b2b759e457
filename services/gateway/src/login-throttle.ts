/** Whether a password submission may go on to Keycloak, and if not, for how long it may not. */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /**
   * A password submission from `address` is about to be made: refused when the address's failures in
   * the window, and its submissions still waiting for an answer, reach the limit (a burst of parallel
   * guesses is held to the limit as well). An allowed submission must be settled.
   */
  begin(address: string): ThrottleDecision;
  /** Keycloak answered the submission: a failure counts for the window, a success does not. */
  settle(address: string, failed: boolean): void;
}

interface AddressRecord {
  /** When each failure in the window happened, oldest first. */
  failures: number[];
  pending: number;
}

/**
 * Failed logins per client address, in a sliding window, in memory (one gateway; each replica would
 * count its own). A success does not wipe the failures: a stranger could otherwise mix in logins to an
 * account of their own. At most `maxAddresses` are remembered; beyond that the longest-idle go first.
 */
export function loginThrottle({
  maxFailures,
  windowMs,
  now = () => Date.now(),
  maxAddresses = 100_000,
}: {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
  maxAddresses?: number;
}): LoginThrottle {
  const records = new Map<string, AddressRecord>();

  const current = (address: string): AddressRecord => {
    const record = records.get(address) ?? { failures: [], pending: 0 };
    const since = now() - windowMs;
    while (record.failures.length > 0 && record.failures[0]! <= since) record.failures.shift();
    // Most recently used last, so the first in the map is the longest idle.
    records.delete(address);
    records.set(address, record);
    while (records.size > maxAddresses) records.delete(records.keys().next().value!);
    return record;
  };

  const forget = (address: string, record: AddressRecord) => {
    if (record.failures.length === 0 && record.pending === 0) records.delete(address);
  };

  return {
    begin(address) {
      const record = current(address);
      if (record.failures.length + record.pending >= maxFailures) {
        // Free again when the oldest failure leaves the window (or, if only submissions in flight fill
        // it, as soon as they are answered: a second is the least a client can be told).
        const oldest = record.failures[0];
        const waitMs = oldest === undefined ? 1_000 : oldest + windowMs - now();
        forget(address, record);
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      }
      record.pending++;
      return { allowed: true };
    },
    settle(address, failed) {
      const record = current(address);
      record.pending = Math.max(0, record.pending - 1);
      if (failed) record.failures.push(now());
      forget(address, record);
    },
  };
}

/**
 * Whom an address stands for: an IPv4 address itself (also when the socket gives it IPv4-mapped), an
 * IPv6 address its /64, the block one subscriber usually holds whole (counting each of its addresses
 * apart would give one client 2^64 budgets).
 */
export function clientOf(ip: string): string {
  const address = ip.split('%', 1)[0]!.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

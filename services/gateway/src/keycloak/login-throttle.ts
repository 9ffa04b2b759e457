/**
 * What to do with a password submission: pass it on now, hold it for a moment and ask again (the gateway
 * waits itself), or refuse it and tell the client when to come back.
 */
export type ThrottleDecision = { action: 'pass' } | { action: 'wait'; ms: number } | { action: 'refuse'; retryAfterSeconds: number };

export interface LoginThrottle {
  /**
   * A password submission from `address` is about to be made. Refused once the address's failures in
   * the window reach the limit. Otherwise held while another submission of the address is waiting for
   * its answer (one at a time per address, so a burst of parallel guesses cannot outrun the count) and
   * while the address's last failure is less than `retryDelayMs` old. A passed submission must be settled.
   */
  begin(address: string): ThrottleDecision;
  /** Keycloak answered the submission (or the client left): a failure counts for the window, a success does not. */
  settle(address: string, failed: boolean): void;
}

interface AddressRecord {
  /** When each failure in the window happened, oldest first. */
  failures: number[];
  /** When the submission now waiting for Keycloak's answer was passed on, if one is. */
  pendingSince?: number;
}

/**
 * Failed logins per client address, in a sliding window, in memory (one gateway; each replica would
 * count its own). A success does not wipe the failures: a stranger could otherwise mix in logins to an
 * account of their own. One submission at a time per address, and a delay after each failure, keep one
 * address from making two failures within Keycloak's quick-login check (1 s), which locks the account
 * for a minute on its own; colleagues behind one address only wait for each other's answer. A
 * submission never settled (a client gone at the wrong moment) stops holding others after
 * `pendingTimeoutMs`. At most `maxAddresses` are remembered; beyond that the longest-idle go first.
 */
export function loginThrottle({
  maxFailures,
  windowMs,
  retryDelayMs = 0,
  pendingTimeoutMs = 60_000,
  now = () => Date.now(),
  maxAddresses = 100_000,
}: {
  maxFailures: number;
  windowMs: number;
  retryDelayMs?: number;
  pendingTimeoutMs?: number;
  now?: () => number;
  maxAddresses?: number;
}): LoginThrottle {
  const records = new Map<string, AddressRecord>();

  const current = (address: string): AddressRecord => {
    const record = records.get(address) ?? { failures: [] };
    const since = now() - windowMs;
    while (record.failures.length > 0 && record.failures[0]! <= since) record.failures.shift();
    if (record.pendingSince !== undefined && now() - record.pendingSince >= pendingTimeoutMs) delete record.pendingSince;
    // Most recently used last, so the first in the map is the longest idle.
    records.delete(address);
    records.set(address, record);
    while (records.size > maxAddresses) records.delete(records.keys().next().value!);
    return record;
  };

  const forget = (address: string, record: AddressRecord) => {
    if (record.failures.length === 0 && record.pendingSince === undefined) records.delete(address);
  };

  return {
    begin(address) {
      const record = current(address);
      if (record.failures.length >= maxFailures) {
        forget(address, record);
        // Free again when the oldest failure leaves the window.
        return { action: 'refuse', retryAfterSeconds: Math.max(1, Math.ceil((record.failures[0]! + windowMs - now()) / 1000)) };
      }
      // Answers take a fraction of a second: ask again soon.
      if (record.pendingSince !== undefined) return { action: 'wait', ms: 100 };
      const lastFailure = record.failures.at(-1);
      if (lastFailure !== undefined && now() - lastFailure < retryDelayMs)
        return { action: 'wait', ms: lastFailure + retryDelayMs - now() };
      record.pendingSince = now();
      return { action: 'pass' };
    },
    settle(address, failed) {
      const record = current(address);
      delete record.pendingSince;
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

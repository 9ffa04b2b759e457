import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPermanentFailure, nextRetryDelay } from './retry-policy.ts';

describe('retrying a notification', () => {
  const policy = { maxAttempts: 5, baseMs: 1_000, maxMs: 5_000 };
  it('waits twice as long after each failure, up to the longest delay, then gives up', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((attempts) => nextRetryDelay(attempts, policy)),
      [1_000, 2_000, 4_000, 5_000],
    );
    assert.equal(nextRetryDelay(5, policy), undefined);
  });

  it('gives up at once when the relay refuses for good (5xx), not when it is away or busy', () => {
    assert.equal(isPermanentFailure(Object.assign(new Error('550 no such user'), { responseCode: 550 })), true);
    assert.equal(isPermanentFailure(Object.assign(new Error('451 try later'), { responseCode: 451 })), false);
    assert.equal(isPermanentFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' })), false);
  });
});

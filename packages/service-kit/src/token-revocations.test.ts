import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issuedBefore, tokenNotBefores } from './token-revocations.ts';

const user = '3f1c7e0a-0000-4000-8000-000000000001';
const change = Date.UTC(2030, 0, 1, 8, 0, 0, 700);
const seconds = (ms: number) => Math.floor(ms / 1000);

describe('issuedBefore (a token against its user’s not-before)', () => {
  it('refuses a token issued a second or more before the change', () => {
    assert.equal(issuedBefore(seconds(change) - 1, change), true);
    assert.equal(issuedBefore(seconds(change) - 300, change), true);
  });

  it('accepts a token issued in the second of the change or later (the login right after it)', () => {
    assert.equal(issuedBefore(seconds(change), change), false);
    assert.equal(issuedBefore(seconds(change) + 1, change), false);
  });

  it('refuses a token without iat', () => {
    assert.equal(issuedBefore(undefined, change), true);
  });
});

describe('tokenNotBefores', () => {
  it('revokes only the tokens of a user it was told of', () => {
    const notBefores = tokenNotBefores({ now: () => change });
    assert.equal(notBefores.revokes(user, seconds(change) - 10), false);
    notBefores.record(user, change);
    assert.equal(notBefores.revokes(user, seconds(change) - 10), true);
    assert.equal(notBefores.revokes('3f1c7e0a-0000-4000-8000-000000000002', seconds(change) - 10), false);
  });

  it('keeps the latest not-before, whatever order they come in (a late redelivery changes nothing)', () => {
    const notBefores = tokenNotBefores({ now: () => change });
    notBefores.record(user, change);
    notBefores.record(user, change - 60_000);
    assert.equal(notBefores.revokes(user, seconds(change) - 30), true, 'the older one did not replace the later one');
    notBefores.record(user, change + 60_000);
    assert.equal(notBefores.revokes(user, seconds(change) + 30), true);
  });

  it('forgets not-befores older than its memory (every token issued before them has expired)', () => {
    let now = change;
    const notBefores = tokenNotBefores({ memoryMs: 600_000, now: () => now });
    notBefores.record(user, change);
    now += 600_001;
    notBefores.record('3f1c7e0a-0000-4000-8000-000000000002', now);
    assert.equal(notBefores.size, 1);
    assert.equal(notBefores.revokes(user, seconds(change) - 10), false);
  });
});

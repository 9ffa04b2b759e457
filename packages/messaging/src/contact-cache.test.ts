import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactCache } from './contact-cache.ts';

const ANA = 'ana@example.test';
const NEW_ANA = 'ana.new@example.test';

/** A cache on a clock the test moves. */
function cacheAt(maxAgeMs = 60_000, maxEntries = 100) {
  let time = 0;
  const cache = contactCache<string>({ maxAgeMs, maxEntries, now: () => time });
  return { cache, pass: (ms: number) => (time += ms) };
}

describe('the contacts a process remembers', () => {
  it('gives a remembered contact until it is maxAgeMs old, then asks again', () => {
    const { cache, pass } = cacheAt(60_000);
    cache.remember('u1', ANA, cache.epoch);
    pass(59_999);
    assert.deepEqual(cache.find('u1'), { contact: ANA });
    pass(1);
    assert.equal(cache.find('u1'), undefined);
  });

  it('forgets a user who changed, so the next look-up asks user-service', () => {
    const { cache } = cacheAt();
    cache.remember('u1', ANA, cache.epoch);
    cache.remember('u2', 'ion@example.test', cache.epoch);
    cache.forget('u1');
    assert.equal(cache.find('u1'), undefined);
    assert.deepEqual(cache.find('u2'), { contact: 'ion@example.test' });
  });

  it('does not store an answer asked for before a change was heard (it may show the profile before the change)', () => {
    const { cache } = cacheAt();
    const askedAt = cache.epoch;
    cache.forget('u1');
    cache.remember('u1', ANA, askedAt);
    assert.equal(cache.find('u1'), undefined);
    cache.remember('u1', NEW_ANA, cache.epoch);
    assert.deepEqual(cache.find('u1'), { contact: NEW_ANA });
  });

  it('never gives a deleted user’s contact again, not even from an answer under way at the deletion', () => {
    const { cache } = cacheAt();
    cache.remember('u1', ANA, cache.epoch);
    const askedAt = cache.epoch;
    cache.forgetDeleted('u1');
    cache.remember('u1', ANA, askedAt);
    assert.deepEqual(cache.find('u1'), { deleted: true });
    cache.remember('u1', ANA, cache.epoch);
    cache.forgetAll();
    assert.deepEqual(cache.find('u1'), { deleted: true });
  });

  it('forgets every contact when the changes may have gone unheard', () => {
    const { cache } = cacheAt();
    cache.remember('u1', ANA, cache.epoch);
    cache.remember('u2', 'ion@example.test', cache.epoch);
    cache.forgetAll();
    assert.equal(cache.size, 0);
  });

  it('keeps at most maxEntries contacts, forgetting the oldest first', () => {
    const { cache, pass } = cacheAt(60_000, 2);
    cache.remember('u1', 'a', cache.epoch);
    pass(1);
    cache.remember('u2', 'b', cache.epoch);
    pass(1);
    cache.remember('u3', 'c', cache.epoch);
    assert.equal(cache.size, 2);
    assert.equal(cache.find('u1'), undefined);
    assert.deepEqual(cache.find('u3'), { contact: 'c' });
  });
});

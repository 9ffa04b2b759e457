import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientOf, loginThrottle } from './login-throttle.ts';

const MINUTE = 60_000;

function clocked(maxFailures = 3, windowMs = 5 * MINUTE, maxAddresses?: number) {
  const clock = { now: 0 };
  const throttle = loginThrottle({ maxFailures, windowMs, now: () => clock.now, ...(maxAddresses ? { maxAddresses } : {}) });
  /** One submission from `address`, answered as `failed` says; whether it was let through. */
  const submit = (address: string, failed: boolean) => {
    const decision = throttle.begin(address);
    if (decision.allowed) throttle.settle(address, failed);
    return decision;
  };
  return { clock, throttle, submit };
}

describe('loginThrottle', () => {
  it('refuses an address after its failures reach the limit, saying until when', () => {
    const { clock, submit } = clocked();
    for (let i = 0; i < 3; i++) {
      assert.equal(submit('10.0.0.1', true).allowed, true);
      clock.now += MINUTE;
    }
    assert.deepEqual(submit('10.0.0.1', false), { allowed: false, retryAfterSeconds: 120 });
  });

  it('lets the address in again once its oldest failure leaves the window', () => {
    const { clock, submit } = clocked();
    for (let i = 0; i < 3; i++) {
      submit('10.0.0.1', true);
      clock.now += MINUTE;
    }
    clock.now = 5 * MINUTE - 1;
    assert.equal(submit('10.0.0.1', true).allowed, false);
    clock.now = 5 * MINUTE;
    assert.equal(submit('10.0.0.1', true).allowed, true);
    assert.equal(submit('10.0.0.1', true).allowed, false, 'the new failure fills the window again');
  });

  it('counts failures only: right passwords never throttle', () => {
    const { submit } = clocked();
    for (let i = 0; i < 100; i++) assert.equal(submit('10.0.0.1', false).allowed, true);
  });

  it('does not forget failures when a right password comes between them', () => {
    const { submit } = clocked();
    submit('10.0.0.1', true);
    submit('10.0.0.1', false);
    submit('10.0.0.1', true);
    submit('10.0.0.1', false);
    submit('10.0.0.1', true);
    assert.equal(submit('10.0.0.1', false).allowed, false);
  });

  it('keeps each address to its own count', () => {
    const { submit } = clocked();
    for (let i = 0; i < 3; i++) submit('10.0.0.1', true);
    assert.equal(submit('10.0.0.1', false).allowed, false);
    assert.equal(submit('10.0.0.2', false).allowed, true);
  });

  it('holds a burst of parallel guesses to the limit while they wait for their answers', () => {
    const { throttle } = clocked();
    const decisions = Array.from({ length: 10 }, () => throttle.begin('10.0.0.1'));
    assert.equal(decisions.filter((d) => d.allowed).length, 3);
    assert.deepEqual(decisions[3], { allowed: false, retryAfterSeconds: 1 });
    // The three answered as right passwords: the address may go on.
    for (let i = 0; i < 3; i++) throttle.settle('10.0.0.1', false);
    assert.equal(throttle.begin('10.0.0.1').allowed, true);
  });

  it('remembers a bounded number of addresses, forgetting the longest idle first', () => {
    const { submit } = clocked(1, 5 * MINUTE, 2);
    submit('10.0.0.1', true);
    submit('10.0.0.2', true);
    submit('10.0.0.3', true);
    assert.equal(submit('10.0.0.1', true).allowed, true, 'forgotten');
    assert.equal(submit('10.0.0.3', true).allowed, false, 'remembered');
  });
});

describe('clientOf', () => {
  it('keeps an IPv4 address as it is, also IPv4-mapped', () => {
    assert.equal(clientOf('192.0.2.7'), '192.0.2.7');
    assert.equal(clientOf('::ffff:192.0.2.7'), '192.0.2.7');
  });

  it('takes an IPv6 address’s /64, however it is written', () => {
    assert.equal(clientOf('2001:db8:0:1:aaaa:bbbb:cccc:dddd'), '2001:db8:0:1::/64');
    assert.equal(clientOf('2001:0DB8:0000:0001::1'), '2001:db8:0:1::/64');
    assert.equal(clientOf('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientOf('::1'), '0:0:0:0::/64');
    assert.equal(clientOf('fe80::1%eth0'), 'fe80:0:0:0::/64');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientOf, loginThrottle } from './login-throttle.ts';

const MINUTE = 60_000;

function clocked(maxFailures = 3, windowMs = 5 * MINUTE, options: { maxAddresses?: number; retryDelayMs?: number } = {}) {
  const clock = { now: 0 };
  const throttle = loginThrottle({ maxFailures, windowMs, now: () => clock.now, ...options });
  /** One submission from `address`, answered as `failed` says; what the throttle decided. */
  const submit = (address: string, failed: boolean) => {
    const decision = throttle.begin(address);
    if (decision.action === 'pass') throttle.settle(address, failed);
    return decision;
  };
  return { clock, throttle, submit };
}

const pass = { action: 'pass' };

describe('loginThrottle', () => {
  it('refuses an address after its failures reach the limit, saying until when', () => {
    const { clock, submit } = clocked();
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(submit('10.0.0.1', true), pass);
      clock.now += MINUTE;
    }
    assert.deepEqual(submit('10.0.0.1', false), { action: 'refuse', retryAfterSeconds: 120 });
  });

  it('lets the address in again once its oldest failure leaves the window', () => {
    const { clock, submit } = clocked();
    for (let i = 0; i < 3; i++) {
      submit('10.0.0.1', true);
      clock.now += MINUTE;
    }
    clock.now = 5 * MINUTE - 1;
    assert.equal(submit('10.0.0.1', true).action, 'refuse');
    clock.now = 5 * MINUTE;
    assert.deepEqual(submit('10.0.0.1', true), pass);
    assert.equal(submit('10.0.0.1', true).action, 'refuse', 'the new failure fills the window again');
  });

  it('counts failures only: right passwords never throttle', () => {
    const { submit } = clocked();
    for (let i = 0; i < 100; i++) assert.deepEqual(submit('10.0.0.1', false), pass);
  });

  it('does not forget failures when a right password comes between them', () => {
    const { submit } = clocked();
    for (const failed of [true, false, true, false, true]) submit('10.0.0.1', failed);
    assert.equal(submit('10.0.0.1', false).action, 'refuse');
  });

  it('keeps each address to its own count', () => {
    const { submit } = clocked();
    for (let i = 0; i < 3; i++) submit('10.0.0.1', true);
    assert.equal(submit('10.0.0.1', false).action, 'refuse');
    assert.deepEqual(submit('10.0.0.2', false), pass);
  });

  it('passes one submission of an address at a time: a burst of parallel guesses waits in line', () => {
    const { throttle } = clocked();
    const decisions = Array.from({ length: 10 }, () => throttle.begin('10.0.0.1'));
    assert.deepEqual(decisions[0], pass);
    assert.ok(decisions.slice(1).every((d) => d.action === 'wait'));
    assert.deepEqual(throttle.begin('10.0.0.2'), pass, 'other addresses do not wait');
    throttle.settle('10.0.0.1', false);
    assert.deepEqual(throttle.begin('10.0.0.1'), pass);
  });

  it('holds an address that failed back for a moment after each failure', () => {
    const { clock, throttle, submit } = clocked(5, 5 * MINUTE, { retryDelayMs: 2_000 });
    submit('10.0.0.1', true);
    clock.now = 1_500;
    assert.deepEqual(throttle.begin('10.0.0.1'), { action: 'wait', ms: 500 });
    clock.now = 2_000;
    assert.deepEqual(submit('10.0.0.1', false), pass);
    assert.deepEqual(submit('10.0.0.1', false), pass, 'a success adds no delay');
  });

  it('stops waiting for a submission never settled after a while', () => {
    const clock = { now: 0 };
    const throttle = loginThrottle({ maxFailures: 3, windowMs: 5 * MINUTE, pendingTimeoutMs: 30_000, now: () => clock.now });
    assert.deepEqual(throttle.begin('10.0.0.1'), pass);
    clock.now = 29_999;
    assert.equal(throttle.begin('10.0.0.1').action, 'wait');
    clock.now = 30_000;
    assert.deepEqual(throttle.begin('10.0.0.1'), pass);
  });

  it('remembers a bounded number of addresses, forgetting the longest idle first', () => {
    const { submit } = clocked(1, 5 * MINUTE, { maxAddresses: 2 });
    submit('10.0.0.1', true);
    submit('10.0.0.2', true);
    submit('10.0.0.3', true);
    assert.deepEqual(submit('10.0.0.1', true), pass, 'forgotten');
    assert.equal(submit('10.0.0.3', true).action, 'refuse', 'remembered');
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

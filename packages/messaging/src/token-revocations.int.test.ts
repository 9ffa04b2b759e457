import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { tokenNotBefores } from '@clinic/service-kit';
import { testStack } from '../../../tests/support/stack.ts';
import { connectBroker, type Broker } from './broker.ts';
import { followTokenRevocations, TOKENS_REVOKED_ROUTING_KEY } from './token-revocations.ts';
import { EVENTS_EXCHANGE } from './topology.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** Resolves once `check` holds; fails with `what` after 15 s (the broker answers in milliseconds). */
async function eventually(what: string, check: () => boolean) {
  for (const deadline = Date.now() + 15_000; !check(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    assert.ok(Date.now() < deadline, `timed out waiting until ${what}`);
  }
}

const seconds = (ms: number) => Math.floor(ms / 1000);

describe('followTokenRevocations() from @clinic/messaging', () => {
  let broker: Broker;
  before(() => {
    broker = connectBroker(testStack().amqpUrl, silent, 'token-revocations-test');
  });
  after(() => broker.close());

  it('loads the recent not-befores at once, then applies every user.tokens_revoked it is sent, in each process', async () => {
    const [loaded, published] = [randomUUID(), randomUUID()];
    const notBefore = Date.now();
    let loads = 0;
    const processes = [tokenNotBefores(), tokenNotBefores()];
    const feeds = processes.map((notBefores, i) =>
      followTokenRevocations({
        broker,
        notBefores,
        loadRecent: async () => {
          loads++;
          return [{ user_id: loaded, not_before: new Date(notBefore).toISOString() }];
        },
        logger: silent,
        name: `token-revocations-test-${i}`,
      }),
    );
    try {
      await Promise.all(feeds.map((feed) => feed.ready));
      for (const notBefores of processes) assert.equal(notBefores.revokes(loaded, seconds(notBefore) - 5), true);
      // Loaded again once subscribed: what was published before the queue existed is not missed.
      await eventually('each process loaded again once subscribed', () => loads >= 4);

      await broker.publisher.send(
        { exchange: EVENTS_EXCHANGE, routingKey: TOKENS_REVOKED_ROUTING_KEY, messageId: randomUUID(), contentType: 'application/json' },
        {
          id: randomUUID(),
          type: 'TOKENS_REVOKED',
          occurredAt: new Date().toISOString(),
          userId: published,
          notBefore: new Date(notBefore).toISOString(),
        },
      );
      await eventually('both processes were told', () =>
        processes.every((notBefores) => notBefores.revokes(published, seconds(notBefore) - 5)),
      );
      assert.equal(processes[0]!.revokes(published, seconds(notBefore) + 1), false, 'a token issued after it still passes');
    } finally {
      await Promise.all(feeds.map((feed) => feed.close()));
    }
  });

  it('retries a load that fails until one succeeds', async () => {
    const user = randomUUID();
    let attempts = 0;
    const notBefores = tokenNotBefores();
    const feed = followTokenRevocations({
      broker,
      notBefores,
      loadRecent: async () => {
        if (++attempts < 2) throw new Error('user-service is not up yet');
        return [{ user_id: user, not_before: new Date().toISOString() }];
      },
      logger: silent,
      name: 'token-revocations-retry-test',
    });
    try {
      await feed.ready;
      await eventually('a later load succeeded', () => notBefores.size === 1);
    } finally {
      await feed.close();
    }
  });
});

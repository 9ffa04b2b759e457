import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { UserContact, UserEvent } from '@clinic/contracts';
import { testStack } from '../../../tests/support/stack.ts';
import { connectBroker, type Broker } from './broker.ts';
import { EVENTS_EXCHANGE, eventRoutingKey } from './topology.ts';
import { followUserContacts, type UserContacts } from './user-contacts.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** Resolves once `check` holds; fails with `what` after 15 s (the broker answers in milliseconds). */
async function eventually(what: string, check: () => Promise<boolean>) {
  for (const deadline = Date.now() + 15_000; !(await check()); await new Promise((resolve) => setTimeout(resolve, 50))) {
    assert.ok(Date.now() < deadline, `timed out waiting until ${what}`);
  }
}

describe('followUserContacts() from @clinic/messaging', () => {
  let broker: Broker;
  before(() => {
    broker = connectBroker(testStack().amqpUrl, silent, 'user-contacts-test');
  });
  after(() => broker.close());

  /** user-service as the processes see it: the current profiles, and how often each process asked. */
  const profiles = new Map<string, UserContact>();
  const asked = [0, 0];
  const processes = (count: number): UserContacts[] =>
    Array.from({ length: count }, (_, i) =>
      followUserContacts({
        broker,
        load: async (userId) => {
          asked[i]!++;
          return profiles.get(userId);
        },
        logger: silent,
        name: `user-contacts-test-${i}`,
      }),
    );
  const publish = (event: UserEvent) =>
    broker.publisher.send(
      { exchange: EVENTS_EXCHANGE, routingKey: eventRoutingKey('user', event.type), messageId: event.id, contentType: 'application/json' },
      event,
    );

  it('asks user-service once per user, forgets a user on user.updated in every process, and never gives a deleted user’s contact', async () => {
    const id = randomUUID();
    profiles.set(id, { id, email: 'ana@example.test', full_name: 'Ana Pop', language: 'ro' });
    const [first, second] = processes(2);
    try {
      await Promise.all([first!.ready, second!.ready]);
      for (const contacts of [first!, second!]) {
        assert.equal((await contacts.contact(id))?.email, 'ana@example.test');
        assert.equal((await contacts.contact(id))?.email, 'ana@example.test');
      }
      assert.deepEqual(asked, [1, 1], 'each process asked once');

      const changed: UserContact = { id, email: 'ana.new@example.test', full_name: 'Ana Pop', language: 'en' };
      profiles.set(id, changed);
      await publish({
        id: randomUUID(),
        type: 'UPDATED',
        occurredAt: new Date().toISOString(),
        userId: id,
        user: { ...changed, phone: null, role: 'PATIENT' },
      });
      await eventually('both processes give the new contact', async () =>
        (await Promise.all([first!.contact(id), second!.contact(id)])).every((c) => c?.email === 'ana.new@example.test'),
      );
      assert.deepEqual(await first!.contact(id), changed);

      // user-service would still answer (an answer under way, a replica behind): the deletion wins.
      await publish({ id: randomUUID(), type: 'DELETED', occurredAt: new Date().toISOString(), userId: id });
      await eventually('both processes forgot the deleted user', async () =>
        (await Promise.all([first!.contact(id), second!.contact(id)])).every((c) => c === undefined),
      );
    } finally {
      await Promise.all([first!.close(), second!.close()]);
    }
  });

  it('asks again every time for a user user-service does not know (they may sign up in a moment)', async () => {
    const [contacts] = processes(1);
    const id = randomUUID();
    try {
      await contacts!.ready;
      const before = asked[0]!;
      assert.equal(await contacts!.contact(id), undefined);
      profiles.set(id, { id, email: 'ion@example.test', full_name: 'Ion Pop', language: 'ro' });
      assert.equal((await contacts!.contact(id))?.email, 'ion@example.test');
      assert.equal(asked[0]! - before, 2);
    } finally {
      await contacts!.close();
    }
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Type } from 'typebox';
import { testStack } from '../../../tests/support/stack.ts';
import { connectBroker, declareQueue, type Broker } from './broker.ts';
import { consume, type Delivery } from './consume.ts';
import { consumerQueueOptions } from './topology.ts';

const Note = Type.Object({ id: Type.String() });

/** Resolves once `check` holds; fails with `what` after 20 s (a reconnection takes well under a second). */
async function eventually(what: string, check: () => boolean | Promise<boolean>) {
  for (const deadline = Date.now() + 20_000; !(await check()); await new Promise((resolve) => setTimeout(resolve, 50))) {
    assert.ok(Date.now() < deadline, `timed out waiting until ${what}`);
  }
}

/** RabbitMQ's management API, as the broker's operator uses it. */
async function management(path: string, init: RequestInit = {}) {
  const { user, password } = testStack().rabbit;
  const response = await fetch(`${testStack().rabbitManagementUrl}/api${path}`, {
    ...init,
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, ...init.headers },
  });
  assert.ok(response.ok, `${init.method ?? 'GET'} ${path}: ${response.status}`);
  return response;
}

/**
 * Closes the broker's side of every connection named `connectionName`, as a broker restart or a network
 * loss would: the client learns of it only from the socket.
 */
async function dropConnections(connectionName: string): Promise<number> {
  let names: string[] = [];
  await eventually(`RabbitMQ lists the connection ${connectionName}`, async () => {
    const connections = (await (await management('/connections')).json()) as Array<{
      name: string;
      client_properties?: { connection_name?: string };
    }>;
    names = connections.filter((c) => c.client_properties?.connection_name === connectionName).map((c) => c.name);
    return names.length > 0;
  });
  for (const name of names) {
    await management(`/connections/${encodeURIComponent(name)}`, { method: 'DELETE', headers: { 'x-reason': 'broker test' } });
  }
  return names.length;
}

/** A broker connection whose log says how often it connected. */
function observedBroker(connectionName: string) {
  const log = { connected: 0, errors: 0 };
  const logger = {
    info: (_obj: object, msg: string) => {
      if (msg === 'broker connected') log.connected++;
    },
    warn: () => {
      log.errors++;
    },
    error: () => {
      log.errors++;
    },
  };
  return { broker: connectBroker(testStack().amqpUrl, logger, connectionName), log, logger };
}

describe('the broker connection of @clinic/messaging', () => {
  let other: Broker;
  const depth = async (queue: string) => (await other.connection.queueDeclare({ queue, passive: true })).messageCount;

  before(() => {
    // A second, untouched connection to look at queues while the one under test is cut.
    other = connectBroker(testStack().amqpUrl, { info: () => {}, warn: () => {}, error: () => {} }, `broker-test-observer-${randomUUID()}`);
  });

  after(() => other.close());

  describe('publisher confirms', () => {
    it('resolves a publish only once the broker holds the message in the queue', async () => {
      const { broker } = observedBroker(`broker-test-${randomUUID()}`);
      const queue = `broker-test-${randomUUID()}`;
      try {
        await declareQueue(broker, consumerQueueOptions(queue, 3));
        for (let i = 1; i <= 5; i++) {
          await broker.publisher.send({ exchange: '', routingKey: queue, durable: true, messageId: `m${i}` }, { id: `m${i}` });
          assert.equal(await depth(queue), i, `after the confirm of message ${i}`);
        }
      } finally {
        await broker.connection.queueDelete({ queue });
        await broker.close();
      }
    });

    it('rejects a publish the broker refuses (no such exchange), and publishes again afterwards', async () => {
      const { broker } = observedBroker(`broker-test-${randomUUID()}`);
      const queue = `broker-test-${randomUUID()}`;
      try {
        await declareQueue(broker, consumerQueueOptions(queue, 3));
        await assert.rejects(
          broker.publisher.send({ exchange: `no-such-exchange-${randomUUID()}`, routingKey: 'x', durable: true }, { id: 'lost' }),
          /NOT_FOUND|no exchange/i,
        );
        await broker.publisher.send({ exchange: '', routingKey: queue, durable: true }, { id: 'kept' });
        assert.equal(await depth(queue), 1);
      } finally {
        await broker.connection.queueDelete({ queue });
        await broker.close();
      }
    });

    it('delivers a message published while the connection is being lost, once it is back', async () => {
      const connectionName = `broker-test-${randomUUID()}`;
      const { broker, log } = observedBroker(connectionName);
      const queue = `broker-test-${randomUUID()}`;
      try {
        await declareQueue(broker, consumerQueueOptions(queue, 3));
        await eventually('connected', () => log.connected === 1);
        await dropConnections(connectionName);
        // Sent at once: either onto the dying socket (no confirm, so it is sent again) or queued until reconnected.
        await broker.publisher.send({ exchange: '', routingKey: queue, durable: true }, { id: 'through the outage' });
        assert.ok(log.connected >= 2, 'the publish resolved on a new connection');
        assert.equal(await depth(queue), 1);
      } finally {
        await broker.connection.queueDelete({ queue });
        await broker.close();
      }
    });
  });

  describe('reconnection', () => {
    it('reconnects after the broker drops the connection; the consumer resubscribes and /ready recovers', async () => {
      const connectionName = `broker-test-${randomUUID()}`;
      const { broker, log, logger } = observedBroker(connectionName);
      let lost = 0;
      const stopWatching = broker.onConnectionLost(() => lost++);
      const queue = `broker-test-${randomUUID()}`;
      const received: string[] = [];
      const consumption = consume(broker, { queue, schema: Note, attempts: 3, logger }, async (note) => {
        received.push(note.id);
      });
      try {
        await consumption.ready;
        await broker.ping();
        await broker.publisher.send({ exchange: '', routingKey: queue, durable: true }, { id: 'before' });
        await eventually('the first message is handled', () => received.length === 1);

        assert.equal(broker.connected, true);
        assert.equal(await dropConnections(connectionName), 1);
        await eventually('the loss is told to onConnectionLost', () => lost >= 1);
        await eventually('the connection is made again', () => log.connected >= 2);
        assert.equal(broker.connected, true);
        await eventually('/ready says the broker is up again', () =>
          broker.ping().then(
            () => true,
            () => false,
          ),
        );

        // Sent by another connection: only a resubscribed consumer can receive it.
        await other.publisher.send({ exchange: '', routingKey: queue, durable: true }, { id: 'after' });
        await eventually('the message sent after the reconnection is handled', () => received.length === 2);
        assert.deepEqual(received, ['before', 'after']);
        await eventually('the queue is empty (acknowledged on the new connection)', async () => (await depth(queue)) === 0);
      } finally {
        stopWatching();
        await consumption.close();
        await other.connection.queueDelete({ queue });
        await broker.close();
      }
    });

    it('redelivers a message whose handler was still running when the connection dropped', async () => {
      const connectionName = `broker-test-${randomUUID()}`;
      const { broker, logger } = observedBroker(connectionName);
      const queue = `broker-test-${randomUUID()}`;
      const deliveries: Delivery[] = [];
      let release: () => void = () => {};
      const firstHeld = new Promise<void>((resolve) => (release = resolve));
      const consumption = consume(broker, { queue, schema: Note, attempts: 3, logger }, async (_note, delivery) => {
        deliveries.push(delivery);
        // The first delivery is still being handled when the connection goes; its acknowledgement has nowhere to go.
        if (deliveries.length === 1) await firstHeld;
      });
      try {
        await consumption.ready;
        await other.publisher.send({ exchange: '', routingKey: queue, durable: true, messageId: 'held' }, { id: 'held' });
        await eventually('the handler has the message', () => deliveries.length === 1);
        await dropConnections(connectionName);
        release();
        await eventually('the message comes again on the new connection', () => deliveries.length === 2);
        assert.equal(deliveries[1]!.messageId, 'held');
        assert.equal(deliveries[1]!.redelivered, true);
        await eventually('the queue is empty once it is handled', async () => (await depth(queue)) === 0);
      } finally {
        await consumption.close();
        await other.connection.queueDelete({ queue });
        await broker.close();
      }
    });
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { requestContext, withRequestContext } from '@clinic/service-kit';
import { Type } from 'typebox';
import { testStack } from '../../../tests/support/stack.ts';
import { connectBroker, type Broker } from './broker.ts';
import { consume, type Delivery } from './consume.ts';
import { DEAD_LETTER_EXCHANGE, EVENTS_EXCHANGE } from './topology.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

const Greeting = Type.Object({ id: Type.String(), text: Type.String() });

/** Resolves once `check` holds; fails with `what` after 15 s (the broker answers in milliseconds). */
async function eventually(what: string, check: () => boolean | Promise<boolean>) {
  for (const deadline = Date.now() + 15_000; !(await check()); await new Promise((resolve) => setTimeout(resolve, 50))) {
    assert.ok(Date.now() < deadline, `timed out waiting until ${what}`);
  }
}

describe('consume() from @clinic/messaging', () => {
  let broker: Broker;
  /** Every message that reached the dead-letter exchange while the tests ran, by message id. */
  const deadLettered = new Map<string, { body: unknown; headers: Record<string, unknown> }>();
  let deadLetterTap: { close(): Promise<void> };

  before(async () => {
    broker = connectBroker(testStack().amqpUrl, silent, 'consume-test');
    // A private queue bound to the (fanout) dead-letter exchange sees a copy of every dead letter.
    const tap = `consume-test-dead-letters-${randomUUID()}`;
    const consumer = broker.connection.createConsumer(
      {
        queue: tap,
        queueOptions: { exclusive: true, autoDelete: true },
        exchanges: [{ exchange: DEAD_LETTER_EXCHANGE, type: 'fanout', durable: true }],
        queueBindings: [{ exchange: DEAD_LETTER_EXCHANGE, routingKey: '' }],
      },
      async (message) => {
        if (message.messageId) deadLettered.set(message.messageId, { body: message.body, headers: message.headers ?? {} });
      },
    );
    await new Promise((resolve) => consumer.once('ready', resolve));
    deadLetterTap = consumer;
  });

  after(async () => {
    await deadLetterTap.close();
    await broker.close();
  });

  const send = (queue: string, body: unknown, messageId = randomUUID()) =>
    broker.publisher.send({ exchange: '', routingKey: queue, messageId, durable: true }, body).then(() => messageId);

  const depth = async (queue: string) => (await broker.connection.queueDeclare({ queue, passive: true })).messageCount;

  it('hands each valid message to the handler once and acknowledges it', async () => {
    const queue = `consume-test-${randomUUID()}`;
    const received: Array<{ message: unknown; delivery: Delivery }> = [];
    const consumption = consume(broker, { queue, schema: Greeting, attempts: 3, logger: silent }, async (message, delivery) => {
      received.push({ message, delivery });
    });
    try {
      await consumption.ready;
      const ids = [await send(queue, { id: 'a', text: 'bună' }), await send(queue, { id: 'b', text: 'hello' })];
      await eventually('both messages are handled', () => received.length === 2);
      assert.deepEqual(
        received.map((r) => r.message),
        [
          { id: 'a', text: 'bună' },
          { id: 'b', text: 'hello' },
        ],
      );
      assert.deepEqual(
        received.map((r) => [r.delivery.messageId, r.delivery.deliveryCount, r.delivery.redelivered]),
        [
          [ids[0], 1, false],
          [ids[1], 1, false],
        ],
      );
      await eventually('the queue is empty (acknowledged)', async () => (await depth(queue)) === 0);
    } finally {
      await consumption.close();
      await broker.connection.queueDelete({ queue });
    }
  });

  it('declares a durable quorum queue that dead-letters to clinic.dead-letter', async () => {
    const queue = `consume-test-${randomUUID()}`;
    const consumption = consume(broker, { queue, schema: Greeting, attempts: 4, logger: silent }, async () => {});
    try {
      await consumption.ready;
      const management = testStack().rabbitManagementUrl;
      const { user, password } = testStack().rabbit;
      const response = await fetch(`${management}/api/queues/%2F/${encodeURIComponent(queue)}`, {
        headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
      });
      const info = (await response.json()) as { durable: boolean; arguments: Record<string, unknown> };
      assert.equal(info.durable, true);
      assert.deepEqual(info.arguments, { 'x-queue-type': 'quorum', 'x-delivery-limit': 4, 'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE });
    } finally {
      await consumption.close();
      await broker.connection.queueDelete({ queue });
    }
  });

  it('sends a malformed message straight to the dead-letter queue with one warning, and goes on', async () => {
    const queue = `consume-test-${randomUUID()}`;
    const handled: unknown[] = [];
    const warnings: Array<{ obj: Record<string, unknown>; msg: string }> = [];
    const logger = { ...silent, warn: (obj: object, msg: string) => warnings.push({ obj: obj as Record<string, unknown>, msg }) };
    const consumption = consume(broker, { queue, schema: Greeting, attempts: 5, logger }, async (message) => {
      handled.push(message);
    });
    try {
      await consumption.ready;
      const bad = await send(queue, { id: 42 });
      await broker.publisher.send({ exchange: '', routingKey: queue, messageId: randomUUID(), contentType: 'text/plain' }, 'not an event');
      await send(queue, { id: 'after', text: 'still consuming' });
      await eventually('the next valid message is handled', () => handled.length === 1);
      await eventually('the malformed message reaches the dead-letter exchange', () => deadLettered.has(bad));
      assert.deepEqual(deadLettered.get(bad)!.body, { id: 42 });
      assert.deepEqual(handled, [{ id: 'after', text: 'still consuming' }]);
      const aboutBad = warnings.filter((w) => w.obj.messageId === bad);
      assert.equal(aboutBad.length, 1);
      assert.match(aboutBad[0]!.msg, /dead-letter/);
      assert.equal(warnings.filter((w) => /malformed/.test(w.msg)).length, 2);
    } finally {
      await consumption.close();
      await broker.connection.queueDelete({ queue });
    }
  });

  it('returns a message whose handler throws, counting deliveries, and dead-letters it past the limit', async () => {
    const queue = `consume-test-${randomUUID()}`;
    const counts: number[] = [];
    const consumption = consume(broker, { queue, schema: Greeting, attempts: 2, logger: silent }, async (_message, delivery) => {
      counts.push(delivery.deliveryCount);
      throw new Error('the handler fails every time');
    });
    try {
      await consumption.ready;
      const id = await send(queue, { id: 'doomed', text: 'x' });
      await eventually('the failing message is dead-lettered', () => deadLettered.has(id));
      // x-delivery-limit 2: the first delivery and two returns, then the dead-letter queue.
      assert.deepEqual(counts, [1, 2, 3]);
      assert.equal(await depth(queue), 0);
    } finally {
      await consumption.close();
      await broker.connection.queueDelete({ queue });
    }
  });

  it('acknowledges a message that succeeds on a later delivery', async () => {
    const queue = `consume-test-${randomUUID()}`;
    const deliveries: Delivery[] = [];
    const consumption = consume(broker, { queue, schema: Greeting, attempts: 5, logger: silent }, async (_message, delivery) => {
      deliveries.push(delivery);
      if (delivery.deliveryCount < 2) throw new Error('fails the first time only');
    });
    try {
      await consumption.ready;
      const id = await send(queue, { id: 'flaky', text: 'x' });
      await eventually('the message succeeds on its second delivery', () => deliveries.length === 2);
      await eventually('the queue is empty', async () => (await depth(queue)) === 0);
      assert.equal(deliveries[1]!.redelivered, true);
      assert.equal(deadLettered.has(id), false);
    } finally {
      await consumption.close();
      await broker.connection.queueDelete({ queue });
    }
  });

  it('binds the queue to topic exchanges by routing key', async () => {
    const queue = `consume-test-${randomUUID()}`;
    const topic = `consume-test.${randomUUID().slice(0, 8)}`;
    const received: string[] = [];
    const consumption = consume(
      broker,
      { queue, schema: Greeting, attempts: 3, logger: silent, bindings: [{ exchange: EVENTS_EXCHANGE, routingKey: `${topic}.wanted` }] },
      async (message) => {
        received.push(message.id);
      },
    );
    try {
      await consumption.ready;
      await broker.publisher.send({ exchange: EVENTS_EXCHANGE, routingKey: `${topic}.other` }, { id: 'other', text: 'x' });
      await broker.publisher.send({ exchange: EVENTS_EXCHANGE, routingKey: `${topic}.wanted` }, { id: 'wanted', text: 'x' });
      await eventually('the bound message arrives', () => received.length > 0);
      await send(queue, { id: 'direct', text: 'x' });
      await eventually('a later message arrives too', () => received.length >= 2);
      // Messages of one queue arrive in order: had "other" been routed here, it would come first.
      assert.deepEqual(received, ['wanted', 'direct']);
    } finally {
      await consumption.close();
      await broker.connection.queueDelete({ queue });
    }
  });

  it('stops taking messages once closed; a second consumer gets what is left', async () => {
    const queue = `consume-test-${randomUUID()}`;
    const first: string[] = [];
    const firstConsumption = consume(broker, { queue, schema: Greeting, attempts: 3, logger: silent }, async (m) => {
      first.push(m.id);
    });
    await firstConsumption.ready;
    await firstConsumption.close();
    await send(queue, { id: 'later', text: 'x' });
    const second: string[] = [];
    const secondConsumption = consume(broker, { queue, schema: Greeting, attempts: 3, logger: silent }, async (m) => {
      second.push(m.id);
    });
    try {
      await secondConsumption.ready;
      await eventually('the second consumer gets the message', () => second.length === 1);
      assert.deepEqual(first, []);
    } finally {
      await secondConsumption.close();
      await broker.connection.queueDelete({ queue });
    }
  });

  it('refuses an attempt count that is not a positive integer', () => {
    assert.throws(() => consume(broker, { queue: 'never-declared', schema: Greeting, attempts: 0 }, async () => {}), RangeError);
  });

  it('publishes under the request id of the work in progress and handles each message in it again', async () => {
    const queue = `consume-test-${randomUUID()}`;
    const handled: Array<{ id: string; header: unknown; context: string | undefined; afterAwait: string | undefined }> = [];
    const consumption = consume(broker, { queue, schema: Greeting, attempts: 3, logger: silent }, async (message, delivery) => {
      const context = requestContext()?.requestId;
      await new Promise((resolve) => setTimeout(resolve, 5));
      handled.push({ id: message.id, header: delivery.headers['x-request-id'], context, afterAwait: requestContext()?.requestId });
    });
    try {
      await consumption.ready;
      await withRequestContext({ requestId: 'req-publisher' }, () => send(queue, { id: 'in-a-request', text: 'x' }));
      await send(queue, { id: 'outside', text: 'x' });
      await eventually('both messages are handled', () => handled.length === 2);
      const [inRequest, outside] = [handled.find((h) => h.id === 'in-a-request')!, handled.find((h) => h.id === 'outside')!];
      assert.deepEqual(inRequest, { id: 'in-a-request', header: 'req-publisher', context: 'req-publisher', afterAwait: 'req-publisher' });
      assert.equal(outside.header, undefined);
      // A fresh one is a W3C trace id: the id of the trace its handling starts (the reqId is the trace id).
      assert.match(outside.context ?? '', /^[0-9a-f]{32}$/, 'a message without a request id is handled under a fresh one');
      assert.equal(outside.afterAwait, outside.context);
    } finally {
      await consumption.close();
    }
  });
});

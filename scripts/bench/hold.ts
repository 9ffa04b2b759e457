// Holding the event consumers back for one level, so the decision path is measured alone: the events
// of notification-service (its emails) and of the PDF renderer are kept in holding queues of the
// bench's own while the level runs, then handed to their queues and drained apart.
//
// The services cannot be asked to pause, and stopping a process would stop more than a consumer (the
// PDF renderer lives in the deciding replicas). So the queues are unbound from the events exchange
// instead, and holding queues bound with the same routing keys; nothing in the services changes.
// consume() binds its queue again whenever a consumer reconnects: release() reports whether that
// happened meanwhile (events then reached the consumers during the level).
// Both swaps happen on a drained stack, when nothing publishes events: a holding queue is bound before
// its queue is unbound (an event in between would reach both, never neither).
import { connectBroker, EVENTS_EXCHANGE, NOTIFICATION_QUEUE, PDF_QUEUE, type Broker, type Envelope } from '@clinic/messaging';
import { log } from './figures.ts';
import type { Rabbit } from './backlog.ts';

/** notification-service's events and the PDF renderer's: what follows a decision. */
export const HELD_QUEUES = [NOTIFICATION_QUEUE, PDF_QUEUE];

const holdingQueue = (queue: string) => `bench.held.${queue}`;
const releaseExchange = (queue: string) => `bench.release.${queue}`;

/** The routing keys `queue` is bound with to the events exchange, as RabbitMQ holds them now. */
async function eventBindings(rabbit: Rabbit, queue: string): Promise<string[]> {
  const response = await fetch(`${rabbit.managementUrl}/api/queues/%2F/${encodeURIComponent(queue)}/bindings`, {
    headers: { authorization: rabbit.authorization },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`the bindings of ${queue}: RabbitMQ answered ${response.status}`);
  const bindings = (await response.json()) as Array<{ source: string; routing_key: string }>;
  return bindings.filter((binding) => binding.source === EVENTS_EXCHANGE).map((binding) => binding.routing_key);
}

const quietLogger = {
  info: () => {},
  warn: (obj: object, msg: string) => log(`holding events: ${msg} ${JSON.stringify(obj)}`),
  error: (obj: object, msg: string) => log(`holding events: ${msg} ${JSON.stringify(obj)}`),
};

/**
 * Moves every message of `from` into `to`, in order, each with its properties and headers (request
 * id, trace context) and its routing key: through a fanout exchange of the bench's bound to `to` alone,
 * so the consumer sees the event as the events exchange would have delivered it.
 */
async function move(broker: Broker, from: string, to: string): Promise<number> {
  const { connection } = broker;
  const exchange = releaseExchange(to);
  await connection.exchangeDeclare({ exchange, type: 'fanout', durable: false });
  await connection.queueBind({ queue: to, exchange, routingKey: '' });
  const publisher = connection.createPublisher({ confirm: true });
  const channel = await connection.acquire();
  let moved = 0;
  try {
    for (;;) {
      const message = await channel.basicGet({ queue: from, noAck: false });
      if (!message) break;
      // Its properties and headers as they came, but what describes this delivery from the holding queue.
      const properties: Record<string, unknown> = { ...message };
      for (const key of ['deliveryTag', 'redelivered', 'exchange', 'messageCount', 'body']) delete properties[key];
      await publisher.send({ ...(properties as Envelope), exchange }, message.body as unknown);
      channel.basicAck({ deliveryTag: message.deliveryTag });
      moved++;
    }
  } finally {
    await channel.close();
    await publisher.close();
    await connection.exchangeDelete({ exchange });
  }
  return moved;
}

export interface HeldEvents {
  /** The holding queues: the drain of the held level leaves them alone. */
  queues: ReadonlySet<string>;
  /** Binds the queues again, moves the held events into them; events held and moved, per queue. */
  release(): Promise<{ moved: Record<string, number>; rebound: string[] }>;
}

export async function holdEventConsumers(rabbit: Rabbit, amqpUrl: string): Promise<HeldEvents> {
  const broker = connectBroker(amqpUrl, quietLogger, 'bench (events held back)');
  const held: Array<{ queue: string; holding: string; routingKeys: string[] }> = [];
  for (const queue of HELD_QUEUES) {
    const routingKeys = await eventBindings(rabbit, queue);
    if (routingKeys.length === 0) throw new Error(`${queue} is not bound to ${EVENTS_EXCHANGE}`);
    const holding = holdingQueue(queue);
    await broker.connection.queueDeclare({ queue: holding, durable: true });
    for (const routingKey of routingKeys) await broker.connection.queueBind({ queue: holding, exchange: EVENTS_EXCHANGE, routingKey });
    for (const routingKey of routingKeys) await broker.connection.queueUnbind({ queue, exchange: EVENTS_EXCHANGE, routingKey });
    held.push({ queue, holding, routingKeys });
  }
  return {
    queues: new Set(held.map(({ holding }) => holding)),
    async release() {
      const moved: Record<string, number> = {};
      const rebound: string[] = [];
      try {
        for (const { queue, holding, routingKeys } of held) {
          if ((await eventBindings(rabbit, queue)).length > 0) rebound.push(queue);
          for (const routingKey of routingKeys) await broker.connection.queueBind({ queue, exchange: EVENTS_EXCHANGE, routingKey });
          for (const routingKey of routingKeys)
            await broker.connection.queueUnbind({ queue: holding, exchange: EVENTS_EXCHANGE, routingKey });
          moved[queue] = await move(broker, holding, queue);
          await broker.connection.queueDelete({ queue: holding, ifEmpty: true });
        }
      } finally {
        await broker.close();
      }
      if (rebound.length > 0) log(`  a consumer bound ${rebound.join(', ')} again during the held level: some events were not held`);
      return { moved, rebound };
    },
  };
}

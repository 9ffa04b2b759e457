import {
  acceptedRequestId,
  activeTraceContext,
  extractTraceContext,
  inSpan,
  markFailed,
  REQUEST_ID_HEADER,
  SpanKind,
  tracedRequestContext,
  withRequestContext,
} from '@clinic/service-kit';
import { ConsumerStatus, type AsyncMessage } from 'rabbitmq-client';
import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { declareDeadLetter, type Broker } from './broker.ts';
import { consumerQueueOptions, DEAD_LETTER_EXCHANGE } from './topology.ts';

export interface ConsumeLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What the handler learns about a message besides its body. */
export interface Delivery {
  /** 1 on the first delivery, then one more each time the message came back to the queue. */
  deliveryCount: number;
  headers: Record<string, unknown>;
  redelivered: boolean;
  messageId?: string;
  routingKey: string;
  /** Set on request/reply messages (the booking queue): where and under which id to answer. */
  replyTo?: string;
  correlationId?: string;
}

export interface ConsumeOptions<Schema extends TSchema> {
  queue: string;
  /** Every message body is checked against it; one that does not match is dead-lettered at once. */
  schema: Schema;
  /**
   * The queue's `x-delivery-limit`: how many times a failed message returns to the queue before
   * RabbitMQ dead-letters it (so it is handled at most `attempts + 1` times).
   */
  attempts: number;
  /** Bindings made (again) whenever the consumer (re)connects; their exchanges must be topic exchanges. */
  bindings?: Array<{ exchange: string; routingKey: string }>;
  /** Messages handled at once by this consumer (and prefetched). Default 1. */
  prefetch?: number;
  /** RabbitMQ delivers to one consumer of the queue at a time; the others wait as standbys. */
  singleActiveConsumer?: boolean;
  /** Names this consumer in RabbitMQ's management UI (e.g. the replica's name). */
  consumerTag?: string;
  /** Where the dead-lettered and failed messages are logged; JSON lines on stderr if absent. */
  logger?: ConsumeLogger;
}

export interface Consumption {
  /** Resolves once the queue is declared and bound and the consumer subscribed (the first time). */
  ready: Promise<void>;
  /** Stops taking messages, waits for the handlers in progress, and closes the channel. */
  close(): Promise<void>;
}

const stderrLogger: ConsumeLogger = {
  info: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'info', ...obj, msg })}\n`),
  warn: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'warn', ...obj, msg })}\n`),
  error: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'error', ...obj, msg })}\n`),
};

function deliveryOf(message: AsyncMessage): Delivery {
  const headers = (message.headers ?? {}) as Record<string, unknown>;
  // Quorum queues count returns in x-delivery-count, absent on the first delivery.
  const returned = Number(headers['x-delivery-count'] ?? 0);
  return {
    deliveryCount: (Number.isFinite(returned) ? returned : 0) + 1,
    headers,
    redelivered: message.redelivered,
    messageId: message.messageId,
    routingKey: message.routingKey,
    replyTo: message.replyTo,
    correlationId: message.correlationId,
  };
}

/**
 * Handles a message in the context of the request that published it, in a CONSUMER span of its trace
 * (a new trace when it carries none, whose id is then its request id): the handler's log lines, calls,
 * queries and publications carry that request id and trace on.
 */
function handleInTrace(queue: string, message: AsyncMessage, handle: (message: AsyncMessage) => Promise<ConsumerStatus>) {
  return inSpan(
    `process ${queue}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'rabbitmq',
        'messaging.operation.type': 'process',
        'messaging.destination.name': queue,
        'messaging.rabbitmq.destination.routing_key': message.routingKey,
        ...(message.messageId ? { 'messaging.message.id': message.messageId } : {}),
      },
    },
    async (span) => {
      const context = tracedRequestContext(acceptedRequestId(message.headers?.[REQUEST_ID_HEADER]), activeTraceContext());
      const status = await withRequestContext(context, () => handle(message));
      if (status !== ConsumerStatus.ACK) {
        markFailed(span, new Error(status === ConsumerStatus.DROP ? 'malformed: dead-lettered' : 'failed: returned to the queue'));
      }
      return status;
    },
    extractTraceContext(message.headers),
  );
}

/**
 * The one way a service consumes a queue. It declares the durable quorum queue (dead-lettered to
 * `clinic.dead-letter` after `attempts` returns) and its bindings, again after every reconnection;
 * checks each body against `schema` (a malformed message goes to the dead-letter queue at once, with
 * one warning, and the consumer goes on); acknowledges when the handler resolves and returns the
 * message to the queue when it throws, so RabbitMQ's delivery limit ends a message that never
 * succeeds. Acknowledgement is manual: a consumer that dies mid-message leaves it to another one.
 * Each message is handled in the request context of its publisher (the `x-request-id` header).
 */
export function consume<Schema extends TSchema>(
  broker: Broker,
  options: ConsumeOptions<Schema>,
  handler: (message: Static<Schema>, delivery: Delivery) => Promise<void>,
): Consumption {
  const {
    queue,
    schema,
    attempts,
    bindings = [],
    prefetch = 1,
    singleActiveConsumer = false,
    consumerTag,
    logger = stderrLogger,
  } = options;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`consume(${queue}): attempts must be a positive integer`);
  const exchanges = [...new Set(bindings.map((binding) => binding.exchange))];
  // Compiled once: checking every delivery with the schema interpreted cost twenty times more.
  const validator = Compile(schema);

  async function handle(message: AsyncMessage): Promise<ConsumerStatus> {
    const delivery = deliveryOf(message);
    if (!validator.Check(message.body)) {
      const problems = [...validator.Errors(message.body)].slice(0, 3).map((error) => `${error.instancePath || '/'} ${error.message}`);
      logger.warn(
        { queue, messageId: message.messageId, routingKey: message.routingKey, problems },
        'malformed message sent to the dead-letter queue',
      );
      return ConsumerStatus.DROP;
    }
    try {
      await handler(message.body, delivery);
      return ConsumerStatus.ACK;
    } catch (error) {
      logger.error(
        { err: error, queue, messageId: message.messageId, deliveryCount: delivery.deliveryCount, attempts },
        delivery.deliveryCount > attempts ? 'message failed for the last time: dead-lettered' : 'message failed: returned to the queue',
      );
      return ConsumerStatus.REQUEUE;
    }
  }

  const consumer = broker.connection.createConsumer(
    {
      queue,
      queueOptions: consumerQueueOptions(queue, attempts, singleActiveConsumer),
      qos: { prefetchCount: prefetch },
      concurrency: prefetch,
      ...(consumerTag ? { consumerTag } : {}),
      exchanges: [
        { exchange: DEAD_LETTER_EXCHANGE, type: 'fanout', durable: true },
        ...exchanges.map((exchange) => ({ exchange, type: 'topic', durable: true })),
      ],
      queueBindings: bindings.map((binding) => ({ queue, ...binding })),
      // Started below, once the dead-letter queue exists: nothing is dead-lettered into the void.
      lazy: true,
    },
    // Each message is handled in the context of the request that published it, in a CONSUMER span of
    // its trace (a new trace when it carries none, whose id is then its request id): the handler's log
    // lines, calls, queries and publications carry that request id and trace on.
    (message) => handleInTrace(queue, message, handle),
  );
  consumer.on('error', (err: unknown) => logger.warn({ err, queue }, 'consumer error (it reconnects by itself)'));

  let closed = false;
  const ready = new Promise<void>((resolve) => consumer.once('ready', () => resolve()));
  const started = (async () => {
    for (let pause = 200; !closed; pause = Math.min(pause * 2, 5_000)) {
      try {
        await declareDeadLetter(broker.connection);
        if (!closed) consumer.start();
        return;
      } catch (err) {
        logger.warn({ err, queue }, 'dead-letter queue not declared yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  })();

  return {
    ready,
    async close() {
      closed = true;
      await started;
      await consumer.close();
    },
  };
}

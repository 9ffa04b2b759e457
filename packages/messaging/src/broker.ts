import { gaugeAtScrape, inSpan, inTrace, injectTraceHeaders, REQUEST_ID_HEADER, requestContext, SpanKind } from '@clinic/service-kit';
import { consumerQueueOptions, DEAD_LETTER_EXCHANGE, DEAD_LETTER_QUEUE, EVENTS_EXCHANGE } from './topology.ts';
import {
  Connection,
  ConsumerStatus,
  type AsyncMessage,
  type Consumer,
  type ConsumerProps,
  type Envelope,
  type MessageBody,
  type Publisher,
} from 'rabbitmq-client';

export { ConsumerStatus, type AsyncMessage, type Consumer, type ConsumerProps, type Envelope, type Publisher };

/** Publishes persistent messages and waits for the broker's confirm before resolving. */
export interface BrokerPublisher {
  /**
   * Sends under the request id of the work in progress (the `x-request-id` header, unless the
   * envelope names one), so the consumer's logs and calls carry it on (see consume()).
   */
  send(envelope: Envelope, body: MessageBody): Promise<void>;
}

interface BrokerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface Broker {
  /**
   * The AMQP connection itself, for this package's own functions (consume(), declareQueue(),
   * consumeReplies()) and for tests; services go through those and the members below.
   */
  readonly connection: Connection;
  readonly publisher: BrokerPublisher;
  /** Whether the connection is up at this moment. */
  readonly connected: boolean;
  /** For `/ready`: resolves only while the connection is up. */
  ping(): Promise<void>;
  /** Calls `listener` each time the connection is lost; returns what stops it. */
  onConnectionLost(listener: () => void): () => void;
  /** Declares what every publisher and consumer relies on: the dead-letter path and the events exchange. */
  declareTopology(): Promise<void>;
  /** Declares the events exchange alone, before a service publishes to it (user-service's outbox relay). */
  declareEventsExchange(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One AMQP connection per process. It reconnects by itself after a broker restart or network loss;
 * consumers and publishers made from it redeclare their queues and exchanges on reconnection.
 */
/** Declares the dead-letter exchange and the queue that keeps what reaches it. Idempotent. */
export async function declareDeadLetter(connection: Connection): Promise<void> {
  await connection.exchangeDeclare({ exchange: DEAD_LETTER_EXCHANGE, type: 'fanout', durable: true });
  await connection.queueDeclare({ queue: DEAD_LETTER_QUEUE, durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await connection.queueBind({ queue: DEAD_LETTER_QUEUE, exchange: DEAD_LETTER_EXCHANGE, routingKey: '' });
}

/** Declares the topic exchange every service publishes its domain events to. Idempotent. */
export async function declareEventsExchange(connection: Connection): Promise<void> {
  await connection.exchangeDeclare({ exchange: EVENTS_EXCHANGE, type: 'topic', durable: true });
}

/**
 * Routes a consumer's 'error' events to the log. A consumer without a listener crashes the process on
 * the first error (an EventEmitter without an 'error' listener throws), e.g. when RabbitMQ answers
 * `noproc` while a queue is still being set up; the consumer itself retries on its own.
 */
export function logConsumerErrors<T extends Consumer>(consumer: T, logger: BrokerLogger, what: string): T {
  consumer.on('error', (err: unknown) => logger.warn({ err }, `${what} consumer error`));
  return consumer;
}

/** Declares a queue before publishing to it: a message sent to a queue that does not exist yet is dropped. */
export async function declareQueue(broker: Broker, options: ReturnType<typeof consumerQueueOptions>): Promise<void> {
  await broker.connection.queueDeclare(options);
}

/**
 * A request/reply answer queue of this process alone: exclusive and auto-deleted (gone with the
 * connection, so answers to a dead requester are dropped by RabbitMQ), without acknowledgements.
 * Resolves once it is subscribed; `name` is where requests name it in `replyTo`.
 */
export async function consumeReplies(
  broker: Broker,
  name: string,
  onReply: (message: AsyncMessage) => void,
  logger: BrokerLogger,
): Promise<{ close(): Promise<void> }> {
  const consumer = broker.connection.createConsumer(
    { queue: name, queueOptions: { exclusive: true, autoDelete: true }, noAck: true },
    (message) => onReply(message),
  );
  // Before waiting for 'ready': an error while the queue is set up must not crash the process.
  logConsumerErrors(consumer, logger, `replies (${name})`);
  await new Promise((resolve) => consumer.once('ready', resolve));
  return { close: () => consumer.close() };
}

/**
 * The messages ready in a queue as RabbitMQ counts them (those handed to a consumer and not yet
 * acknowledged not included), read with a passive declare: the queue is neither made nor changed.
 */
export async function queueDepth(broker: Broker, queue: string): Promise<number> {
  await broker.ping();
  const { messageCount } = await broker.connection.queueDeclare({ queue, passive: true });
  return messageCount;
}

/** `clinic_dead_letters{queue}`: the messages in the dead-letter queue, read at each scrape. */
export function observeDeadLetters(broker: Broker): void {
  gaugeAtScrape(
    {
      name: 'clinic_dead_letters',
      help: 'Messages waiting in a dead-letter queue (failed too often to be handled)',
      labelNames: ['queue'],
    },
    async (gauge) => gauge.set({ queue: DEAD_LETTER_QUEUE }, await queueDepth(broker, DEAD_LETTER_QUEUE)),
  );
}

function withRequestId(envelope: Envelope): Envelope {
  const requestId = requestContext()?.requestId;
  if (!requestId || envelope.headers?.[REQUEST_ID_HEADER] !== undefined) return envelope;
  return { ...envelope, headers: { ...envelope.headers, [REQUEST_ID_HEADER]: requestId } };
}

/**
 * A publication within a traced piece of work is a PRODUCER span of its trace, and the message carries
 * that span as its W3C `traceparent` header, so its consumer's span continues the same trace. One made
 * outside any trace (a periodic job's) is sent as it is.
 */
export function publishTraced(envelope: Envelope, send: (envelope: Envelope) => Promise<void>): Promise<void> {
  if (!inTrace()) return send(envelope);
  const destination = envelope.exchange || envelope.routingKey || 'amq.default';
  return inSpan(
    `publish ${destination}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'rabbitmq',
        'messaging.operation.type': 'send',
        'messaging.destination.name': destination,
        'messaging.rabbitmq.destination.routing_key': envelope.routingKey ?? '',
        ...(envelope.messageId ? { 'messaging.message.id': envelope.messageId } : {}),
      },
    },
    () => send({ ...envelope, headers: injectTraceHeaders({ ...envelope.headers }) }),
  );
}

export function connectBroker(url: string, logger: BrokerLogger, connectionName: string): Broker {
  // noDelay: without it Nagle's algorithm holds each small frame until the peer's delayed ACK, which
  // put ~40 ms on every publish → consume → reply round trip.
  const connection = new Connection({ url, connectionName, retryLow: 200, retryHigh: 5_000, noDelay: true });
  connection.on('error', (err: unknown) => logger.warn({ err }, 'broker connection error'));
  connection.on('connection', () => logger.info({}, 'broker connected'));
  const publisher = connection.createPublisher({ confirm: true, maxAttempts: 3 });
  return {
    connection,
    publisher: { send: (envelope, body) => publishTraced(withRequestId(envelope), (traced) => publisher.send(traced, body)) },
    get connected() {
      return connection.ready;
    },
    async ping() {
      if (!connection.ready) throw new Error('not connected to RabbitMQ');
    },
    onConnectionLost(listener) {
      // The connection reports a lost link as an 'error' (it then reconnects by itself).
      const onError = () => {
        if (!connection.ready) listener();
      };
      connection.on('error', onError);
      return () => connection.off('error', onError);
    },
    async declareTopology() {
      await declareDeadLetter(connection);
      await declareEventsExchange(connection);
    },
    async declareEventsExchange() {
      await declareEventsExchange(connection);
    },
    async close() {
      await publisher.close();
      await connection.close();
    },
  };
}

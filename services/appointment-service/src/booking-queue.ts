import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Logger, Pool } from '@clinic/service-kit';
import { BookingCommand, BookingOutcome } from '@clinic/contracts';
import { BOOKING_QUEUE, bookingQueueOptions, ConsumerStatus, type Broker } from '@clinic/messaging';
import { Value } from 'typebox/value';
import { bookingCommandsRepository as commands } from './booking-commands-repository.ts';
import { rejected, type BookingWorker } from './booking-worker.ts';
import { retryInPlace } from './retry-in-place.ts';

/** A booking command before it has an id: what the client asked for. */
export type BookingRequest =
  Omit<Extract<BookingCommand, { kind: 'BOOK' }>, 'id'> | Omit<Extract<BookingCommand, { kind: 'RESCHEDULE' }>, 'id'>;

/** Tries per delivery before the command is handed back to the queue (about a minute of retrying). */
const COMMAND_ATTEMPTS = 15;

/** The part of a request that an idempotency key stands for (not who the patient is called today). */
function fingerprint(request: BookingRequest) {
  const { start_time, end_time, ...rest } = request;
  const { patient: _patient, ...target } = rest as typeof rest & { patient?: unknown };
  return { ...target, start_time: new Date(start_time).toISOString(), end_time: new Date(end_time).toISOString() };
}

/**
 * Any replica's side of the booking queue: record the command, publish it (persistent, confirmed)
 * and wait for the single worker's outcome on this replica's own reply queue. A retry under the
 * same Idempotency-Key replays the recorded outcome, or publishes the still-undecided command again
 * (the worker decides it once).
 */
export async function bookingRequests({
  pool,
  broker,
  timeoutMs,
  logger,
  replicaName,
}: {
  pool: Pool;
  broker: Broker;
  timeoutMs: number;
  logger: Logger;
  replicaName: string;
}) {
  await broker.connection.queueDeclare(bookingQueueOptions);
  // Replies come back on a queue of this replica's own, matched to the waiting request by command id.
  const replyQueue = `appointment.booking-replies.${replicaName}.${randomUUID().slice(0, 8)}`;
  const waiting = new Map<string, Set<(outcome: BookingOutcome) => void>>();
  const replies = broker.connection.createConsumer(
    { queue: replyQueue, queueOptions: { exclusive: true, autoDelete: true }, noAck: true },
    (message) => {
      if (!message.correlationId || !Value.Check(BookingOutcome, message.body)) return;
      for (const resolve of waiting.get(message.correlationId) ?? []) resolve(message.body);
      waiting.delete(message.correlationId);
    },
  );
  await new Promise((resolve) => replies.once('ready', resolve));

  function awaitReply(commandId: string): { outcome: Promise<BookingOutcome | undefined>; cancel: () => void } {
    let settle: (outcome: BookingOutcome | undefined) => void = () => {};
    const outcome = new Promise<BookingOutcome | undefined>((resolve) => (settle = resolve));
    const resolvers = waiting.get(commandId) ?? new Set();
    waiting.set(commandId, resolvers.add(settle));
    const timer = setTimeout(() => settle(undefined), timeoutMs);
    const cancel = () => {
      clearTimeout(timer);
      resolvers.delete(settle);
      if (resolvers.size === 0 && waiting.get(commandId) === resolvers) waiting.delete(commandId);
    };
    return { outcome: outcome.finally(cancel), cancel };
  }

  return {
    async submit(requesterId: string, idempotencyKey: string | undefined, request: BookingRequest): Promise<BookingOutcome> {
      const { command: stored, created } = await commands.register(pool, {
        id: randomUUID(),
        requesterId,
        idempotencyKey,
        request: fingerprint(request),
      });
      if (!created && !isDeepStrictEqual(stored.request, fingerprint(request))) {
        return rejected(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
      }
      if (stored.outcome) return stored.outcome;
      const command = { ...request, id: stored.id } as BookingCommand;
      const reply = awaitReply(stored.id);
      try {
        await broker.publisher.send(
          { routingKey: BOOKING_QUEUE, durable: true, messageId: stored.id, correlationId: stored.id, replyTo: replyQueue },
          command,
        );
      } catch (error) {
        reply.cancel();
        logger.warn({ err: error, commandId: stored.id }, 'booking command not published');
        return rejected(503, 'UNAVAILABLE', 'The booking queue is unreachable; retry with the same Idempotency-Key');
      }
      const outcome = await reply.outcome;
      if (outcome) return outcome;
      // No reply in time. The command is durable: the worker will decide it, and the recorded
      // outcome is what a retry with the same key gets.
      const decided = await commands.find(pool, stored.id);
      if (decided?.outcome) return decided.outcome;
      return rejected(503, 'BOOKING_PENDING', 'The booking is queued but not decided yet; retry with the same Idempotency-Key');
    },
    close: () => replies.close(),
  };
}

/**
 * Every replica subscribes; RabbitMQ delivers to one active consumer at a time (single active
 * consumer), one message at a time (prefetch 1), so commands are decided strictly in order.
 */
export function startBookingConsumer({
  broker,
  worker,
  logger,
  replicaName,
}: {
  broker: Broker;
  worker: BookingWorker;
  logger: Logger;
  replicaName: string;
}) {
  const consumer = broker.connection.createConsumer(
    // The consumer tag names the replica, so RabbitMQ's management UI shows which one holds the queue.
    { queue: BOOKING_QUEUE, queueOptions: bookingQueueOptions, qos: { prefetchCount: 1 }, concurrency: 1, consumerTag: replicaName },
    async (message, reply) => {
      if (!Value.Check(BookingCommand, message.body)) {
        logger.error({ messageId: message.messageId }, 'malformed booking command sent to the dead-letter queue');
        return ConsumerStatus.DROP;
      }
      const command = message.body;
      // Retried in place, which also holds the queue's order while the database is away.
      return retryInPlace(
        COMMAND_ATTEMPTS,
        async () => {
          const outcome = await worker(command);
          if (message.replyTo) await reply(outcome).catch(() => logger.warn({ commandId: command.id }, 'requester gone before the reply'));
          return ConsumerStatus.ACK;
        },
        (error, attempt) => logger.error({ err: error, commandId: command.id, attempt }, 'booking command failed'),
      );
    },
  );
  consumer.on('error', (err) => logger.warn({ err }, 'booking consumer error'));
  return consumer;
}

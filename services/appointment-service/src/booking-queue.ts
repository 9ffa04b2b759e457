import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger, Pool } from '@clinic/service-kit';
import { BookingCommand, BookingOutcome } from '@clinic/contracts';
import { BOOKING_QUEUE, bookingQueueOptions, ConsumerStatus, type Broker } from '@clinic/messaging';
import { Value } from 'typebox/value';
import { bookingCommandsRepository as commands } from './booking-commands-repository.ts';
import type { BookingWorker } from './booking-worker.ts';

/** A booking command before it has an id: what the client asked for. */
export type BookingRequest =
  Omit<Extract<BookingCommand, { kind: 'BOOK' }>, 'id'> | Omit<Extract<BookingCommand, { kind: 'RESCHEDULE' }>, 'id'>;

const answer = (status: number, code: string, message: string): BookingOutcome => ({ status, body: { error: { code, message } } });

/** The part of a request that an idempotency key stands for (not who the patient is called today). */
function fingerprint(request: BookingRequest) {
  const { start_time, end_time, ...rest } = request;
  const { patient: _patient, ...target } = rest as typeof rest & { patient?: unknown };
  return { ...target, start_time: new Date(start_time).toISOString(), end_time: new Date(end_time).toISOString() };
}

/**
 * Any replica's side of the booking queue: record the command, publish it (persistent, confirmed)
 * and wait for the single worker's outcome. A retry under the same Idempotency-Key replays the
 * recorded outcome, or publishes the still-undecided command again (the worker decides it once).
 */
export function bookingRequests({ pool, broker, timeoutMs }: { pool: Pool; broker: Broker; timeoutMs: number }) {
  const rpc = broker.connection.createRPCClient({ confirm: true, timeout: timeoutMs, queues: [bookingQueueOptions] });

  return {
    async submit(requesterId: string, idempotencyKey: string | undefined, request: BookingRequest): Promise<BookingOutcome> {
      const { command: stored, created } = await commands.register(pool, {
        id: randomUUID(),
        requesterId,
        idempotencyKey,
        request: fingerprint(request),
      });
      if (!created && JSON.stringify(stored.request) !== JSON.stringify(fingerprint(request))) {
        return answer(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
      }
      if (stored.outcome) return stored.outcome;
      const command = { ...request, id: stored.id } as BookingCommand;
      try {
        const reply = await rpc.send({ routingKey: BOOKING_QUEUE, durable: true, messageId: stored.id }, command);
        return reply.body as BookingOutcome;
      } catch {
        // No reply in time (or the broker is away). The command is durable: the worker will decide
        // it, and the recorded outcome is what a retry with the same key gets.
        const decided = await commands.find(pool, stored.id);
        if (decided?.outcome) return decided.outcome;
        return answer(503, 'BOOKING_PENDING', 'The booking is queued but not decided yet; retry with the same Idempotency-Key');
      }
    },
    close: () => rpc.close(),
  };
}

/**
 * Every replica subscribes; RabbitMQ delivers to one active consumer at a time (single active
 * consumer), one message at a time (prefetch 1), so commands are decided strictly in order.
 */
export function startBookingConsumer({ broker, worker, logger }: { broker: Broker; worker: BookingWorker; logger: Logger }) {
  const consumer = broker.connection.createConsumer(
    { queue: BOOKING_QUEUE, queueOptions: bookingQueueOptions, qos: { prefetchCount: 1 }, concurrency: 1 },
    async (message, reply) => {
      if (!Value.Check(BookingCommand, message.body)) {
        logger.error({ messageId: message.messageId }, 'malformed booking command sent to the dead-letter queue');
        return ConsumerStatus.DROP;
      }
      try {
        const outcome = await worker(message.body);
        if (message.replyTo)
          await reply(outcome).catch(() => logger.warn({ commandId: message.body.id }, 'requester gone before the reply'));
        return ConsumerStatus.ACK;
      } catch (error) {
        // Most likely the database is away: wait a little, then let RabbitMQ deliver it again.
        logger.error({ err: error, commandId: message.body.id }, 'booking command failed; it will be redelivered');
        await sleep(1_000);
        return ConsumerStatus.REQUEUE;
      }
    },
  );
  consumer.on('error', (err) => logger.warn({ err }, 'booking consumer error'));
  return consumer;
}

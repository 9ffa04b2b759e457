import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Logger, Pool } from '@clinic/service-kit';
import { BookingCommand, BookingReply, type BookingAnswer } from '@clinic/contracts';
import { consume, consumeReplies, consumerQueueOptions, declareQueue, type Broker } from '@clinic/messaging';
import { Compile } from 'typebox/compile';
import { batchedDecider } from './batches.ts';
import { bookingCommandsRepository as commands } from './commands-repository.ts';
import { bookingShardOf, bookingShardQueue, bookingShardQueues } from './shards.ts';
import type { BookingRequest, BookingWorker } from './types.ts';

/** Tries per batch before its undecided commands are handed back to the queue (about a minute of retrying). */
const BATCH_ATTEMPTS = 15;

/**
 * Most commands a shard's worker holds unacknowledged, and so decides in one transaction. Kept below
 * 64: PostgreSQL tracks up to 64 subtransactions (one savepoint each) per transaction cheaply.
 */
const MAX_BATCH = 50;

/**
 * Returns before a command is dead-lettered: its batch was tried BATCH_ATTEMPTS times in place on
 * each of these deliveries. The shard queues' `x-delivery-limit`, as the single queue had it.
 */
const DELIVERY_ATTEMPTS = 5;

/** Replies checked as they arrive, with the schema compiled once. */
const replyValidator = Compile(BookingReply);

/** A shard's queue: quorum, single active consumer, dead-lettered after DELIVERY_ATTEMPTS returns. */
const shardQueueOptions = (queue: string) => consumerQueueOptions(queue, DELIVERY_ATTEMPTS, true);

/**
 * Longest wait for the broker to confirm a command's publication. While the broker is unreachable the
 * client would otherwise wait for a reconnection (about 20 s) before failing.
 */
const PUBLISH_TIMEOUT_MS = 3_000;

/**
 * The part of a request that an idempotency key stands for: not who the patient is called today, nor
 * who asked (the key is the requester's already). Whom a booking is for counts when the front desk
 * books for someone else; a patient's own booking keeps the fingerprint it always had.
 */
function fingerprint(request: BookingRequest) {
  const {
    patient,
    booked_by: bookedBy,
    requested_by: _requestedBy,
    ...target
  } = request as BookingRequest & { patient?: { id: string }; booked_by?: string; requested_by?: string };
  const forSomeoneElse = patient && bookedBy && patient.id !== bookedBy ? { patient_id: patient.id } : {};
  // Doctor commands have no interval.
  const times =
    'start_time' in target && 'end_time' in target
      ? { start_time: new Date(target.start_time).toISOString(), end_time: new Date(target.end_time).toISOString() }
      : {};
  // Through JSON, as stored: a field left undefined is no field.
  return JSON.parse(JSON.stringify({ ...target, ...forSomeoneElse, ...times })) as Record<string, unknown>;
}

/**
 * Any replica's side of the booking queue: record the command, publish it (persistent, confirmed,
 * under the request's id) and wait for the single worker's outcome on this replica's own reply queue. A retry under the
 * same Idempotency-Key replays the recorded outcome, or publishes the still-undecided command again
 * (the worker decides it once).
 */
export async function bookingRequests({
  pool,
  broker,
  timeoutMs,
  logger,
  replicaName,
  shards,
}: {
  pool: Pool;
  broker: Broker;
  timeoutMs: number;
  logger: Logger;
  replicaName: string;
  shards: number;
}) {
  for (const queue of bookingShardQueues(shards)) await declareQueue(broker, shardQueueOptions(queue));
  // Replies come back on a queue of this replica's own, matched to the waiting request by command id.
  const replyQueue = `appointment.booking-replies.${replicaName}.${randomUUID().slice(0, 8)}`;
  const waiting = new Map<string, Set<(reply: BookingReply | undefined) => void>>();
  let lastRequestAt = 0;
  const replies = await consumeReplies(
    broker,
    replyQueue,
    (message) => {
      if (!message.correlationId || !replyValidator.Check(message.body)) return;
      for (const resolve of waiting.get(message.correlationId) ?? []) resolve(message.body);
      waiting.delete(message.correlationId);
    },
    logger,
  );

  // When the connection drops, the replies to what is waiting are lost with the reply queue: stop
  // waiting at once; each request then answers its recorded outcome, or that it is still pending.
  const stopWatching = broker.onConnectionLost(() => {
    for (const resolvers of waiting.values()) for (const resolve of resolvers) resolve(undefined);
  });

  /** The doctor whose shard decides the command; a reschedule keeps its appointment's doctor. */
  async function doctorOf(request: Exclude<BookingRequest, { kind: 'PATIENT_LEFT' }>): Promise<string | undefined> {
    if ('doctor_id' in request) return request.doctor_id;
    if (shards === 1) return undefined;
    const { rows } = await pool.query<{ doctor_id: string }>('SELECT doctor_id FROM appointments WHERE id = $1', [request.appointment_id]);
    return rows[0]?.doctor_id;
  }

  /** The queue that decides the command: the doctor's shard's, or the one a command to every shard names. */
  async function queueOf(request: BookingRequest): Promise<string> {
    if (request.kind === 'PATIENT_LEFT') return bookingShardQueue(request.shard);
    const doctorId = await doctorOf(request);
    // An unknown appointment has no doctor: any shard answers NOT_FOUND; shard 0 it is.
    return bookingShardQueue(doctorId ? bookingShardOf(doctorId, shards) : 0);
  }

  function awaitReply(commandId: string): { reply: Promise<BookingReply | undefined>; cancel: () => void } {
    let settle: (reply: BookingReply | undefined) => void = () => {};
    const reply = new Promise<BookingReply | undefined>((resolve) => (settle = resolve));
    const resolvers = waiting.get(commandId) ?? new Set();
    waiting.set(commandId, resolvers.add(settle));
    const timer = setTimeout(() => settle(undefined), timeoutMs);
    const cancel = () => {
      clearTimeout(timer);
      resolvers.delete(settle);
      if (resolvers.size === 0 && waiting.get(commandId) === resolvers) waiting.delete(commandId);
    };
    return { reply: reply.finally(cancel), cancel };
  }

  return {
    async submit(requesterId: string, idempotencyKey: string | undefined, request: BookingRequest): Promise<BookingAnswer> {
      const { command: stored, created } = await commands.register(pool, {
        id: randomUUID(),
        requesterId,
        idempotencyKey,
        request: fingerprint(request),
      });
      if (!created && !isDeepStrictEqual(stored.request, fingerprint(request))) {
        return { result: 'KEY_REUSED' };
      }
      if (stored.outcome) return stored.outcome;
      const command = { ...request, id: stored.id };
      const waitingForReply = awaitReply(stored.id);
      lastRequestAt = Date.now();
      try {
        const queue = await queueOf(request);
        await broker.ping();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          broker.publisher.send(
            { routingKey: queue, durable: true, messageId: stored.id, correlationId: stored.id, replyTo: replyQueue },
            command,
          ),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('publish not confirmed in time')), PUBLISH_TIMEOUT_MS))),
        ]).finally(() => clearTimeout(timer));
      } catch (error) {
        waitingForReply.cancel();
        logger.warn({ err: error, commandId: stored.id }, 'booking command not published');
        return { result: 'UNAVAILABLE', message: 'The booking queue is unreachable; retry with the same Idempotency-Key' };
      }
      const reply = await waitingForReply.reply;
      if (reply) return reply;
      // No reply in time. The command is durable: the worker will decide it, and the recorded
      // outcome is what a retry with the same key gets.
      const decided = await commands.find(pool, stored.id);
      if (decided?.outcome) return decided.outcome;
      return { result: 'PENDING' };
    },
    /** How many booking queues there are: a command for every shard is sent once to each. */
    shards,
    /** Whether this replica had a booking request waiting for the worker within the last second. */
    busy: () => waiting.size > 0 || Date.now() - lastRequestAt < 1_000,
    close: () => {
      stopWatching();
      return replies.close();
    },
  };
}

/**
 * Every replica subscribes to every shard's queue; RabbitMQ delivers each queue to one active consumer
 * at a time (single active consumer), so each shard's commands are decided by one worker, in order.
 * A worker holds up to MAX_BATCH unacknowledged commands and decides what it holds in batches (group
 * commit); it answers and acknowledges each command after its batch committed. A worker that dies
 * before acknowledging leaves its commands to the next consumer, which replays the stored outcomes
 * of those already committed and decides the rest.
 */
export function startBookingConsumers({
  broker,
  worker,
  logger,
  replicaName,
  shards,
}: {
  broker: Broker;
  worker: BookingWorker;
  logger: Logger;
  replicaName: string;
  shards: number;
}) {
  let lastBusy = 0;
  const deciders: Array<ReturnType<typeof batchedDecider>> = [];
  const consumptions = bookingShardQueues(shards).map((queue) => {
    const decider = batchedDecider(worker, {
      maxBatch: MAX_BATCH,
      attempts: BATCH_ATTEMPTS,
      onFailure: (error, attempt, pending) => logger.error({ err: error, queue, attempt, pending }, 'booking batch failed'),
    });
    deciders.push(decider);
    // consume() checks each command against the contract (a malformed one is dead-lettered), acknowledges
    // when the handler resolves, and returns the command to the queue when it throws (its batch kept
    // failing). Up to MAX_BATCH handlers wait at once, which is what lets the decider batch them.
    return consume(
      broker,
      {
        queue,
        schema: BookingCommand,
        attempts: DELIVERY_ATTEMPTS,
        prefetch: MAX_BATCH,
        singleActiveConsumer: true,
        // The consumer tag names the replica, so RabbitMQ's management UI shows which one holds the queue.
        consumerTag: replicaName,
        logger,
      },
      async (command, delivery) => {
        const reply = await decider.submit(command);
        if (!delivery.replyTo) return;
        await broker.publisher
          .send({ routingKey: delivery.replyTo, correlationId: delivery.correlationId ?? command.id }, reply)
          .catch(() => logger.warn({ commandId: command.id }, 'requester gone before the reply'));
      },
    );
  });
  return {
    /**
     * Whether this replica decided bookings within the last second: it holds a booking queue under
     * load. Background work (PDFs) steps aside meanwhile, so it does not hold up the batches.
     */
    deciding(): boolean {
      if (deciders.some((decider) => decider.busy())) lastBusy = Date.now();
      return Date.now() - lastBusy < 1_000;
    },
    close: () => Promise.all(consumptions.map((consumption) => consumption.close())).then(() => {}),
  };
}

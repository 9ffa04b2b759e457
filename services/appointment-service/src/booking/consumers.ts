import type { Logger } from '@clinic/service-kit';
import { BookingCommand } from '@clinic/contracts';
import { consume, type Broker } from '@clinic/messaging';
import { batchedDecider } from './batches.ts';
import { bookingShardQueues, DELIVERY_ATTEMPTS } from './shards.ts';
import type { BookingWorker } from './types.ts';

/** Tries per batch before its undecided commands are handed back to the queue (about a minute of retrying). */
const BATCH_ATTEMPTS = 15;

/**
 * Most commands a shard's worker holds unacknowledged, and so decides in one transaction. Kept below
 * 64: PostgreSQL tracks up to 64 subtransactions (one savepoint each) per transaction cheaply.
 */
const MAX_BATCH = 50;

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

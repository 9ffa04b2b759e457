import { BOOKING_QUEUE, consumerQueueOptions } from '@clinic/messaging';

/**
 * Returns before a command is dead-lettered: its batch was tried BATCH_ATTEMPTS times in place on
 * each of these deliveries. The shard queues' `x-delivery-limit`, as the single queue had it.
 */
export const DELIVERY_ATTEMPTS = 5;

/** A shard's queue: quorum, single active consumer, dead-lettered after DELIVERY_ATTEMPTS returns. */
export const shardQueueOptions = (queue: string) => consumerQueueOptions(queue, DELIVERY_ATTEMPTS, true);

/**
 * The booking queue of shard `shard` of `shards`. Shard 0 keeps the single queue's name, so one shard
 * (the default) is exactly the one-queue design, and its commands stay where they were.
 */
export function bookingShardQueue(shard: number): string {
  return shard === 0 ? BOOKING_QUEUE : `${BOOKING_QUEUE}.${shard}`;
}

/**
 * The shard that decides a doctor's commands: always the same one for a doctor, so that doctor's
 * commands are decided one after another, in order, by that shard's single active consumer. Doctor
 * ids are random UUIDs, so their last 32 bits spread doctors evenly over the shards.
 */
export function bookingShardOf(doctorId: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards must be a positive integer, not ${shards}`);
  const low = Number.parseInt(doctorId.replaceAll('-', '').slice(-8), 16);
  if (Number.isNaN(low)) throw new RangeError(`not a UUID: ${doctorId}`);
  return low % shards;
}

/** Every booking queue of a deployment with `shards` shards. */
export const bookingShardQueues = (shards: number): string[] => Array.from({ length: shards }, (_, shard) => bookingShardQueue(shard));

import { setTimeout as sleep } from 'node:timers/promises';
import { ConsumerStatus } from '@clinic/messaging';

/**
 * Handles one delivery, retrying transient failures (the database or MinIO restarting) in place with
 * a growing pause (up to 5 s) rather than requeueing at once: each redelivery counts towards the
 * queue's dead-letter limit. After `attempts` failures the message goes back to the queue.
 */
export async function retryInPlace(
  attempts: number,
  handle: () => Promise<ConsumerStatus>,
  onFailure: (error: unknown, attempt: number) => void,
): Promise<ConsumerStatus> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle();
    } catch (error) {
      onFailure(error, attempt);
      if (attempt === attempts) return ConsumerStatus.REQUEUE;
      await sleep(Math.min(5_000, 250 * 2 ** attempt));
    }
  }
}

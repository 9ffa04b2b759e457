import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Handles one delivery, retrying transient failures (the database or MinIO restarting) in place with
 * a growing pause (up to 5 s) rather than returning the message to the queue at once: each return
 * counts towards the queue's dead-letter limit. After `attempts` failures the last error is thrown,
 * and the consumer returns the message to the queue.
 */
export async function retryInPlace<T>(
  attempts: number,
  handle: () => Promise<T>,
  onFailure: (error: unknown, attempt: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle();
    } catch (error) {
      onFailure(error, attempt);
      if (attempt === attempts) throw error;
      await sleep(Math.min(5_000, 250 * 2 ** attempt));
    }
  }
}

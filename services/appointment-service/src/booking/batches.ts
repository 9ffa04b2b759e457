import { setTimeout as sleep } from 'node:timers/promises';
import { requestContext, withRequestContext, type RequestContext } from '@clinic/service-kit';
import type { BookingCommand, BookingReply } from '@clinic/contracts';
import type { BatchResult, QueuedCommand } from './types.ts';

export interface BatchingOptions {
  /** Most commands decided in one transaction. */
  maxBatch: number;
  /** Failed tries of a batch before its undecided commands are handed back to the queue. */
  attempts: number;
  /** Pause before try `attempt + 1`; grows so a restarting database is waited for, not hammered. */
  pauseMs?: (attempt: number) => number;
  onFailure: (error: unknown, attempt: number, pending: number) => void;
}

interface Waiting {
  command: BookingCommand;
  /** The context of the request that handed the command in: the worker decides it in that context. */
  context: RequestContext | undefined;
  receivedAt: number;
  resolve: (reply: BookingReply) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit in front of the booking worker. Commands handed in while a batch is being decided wait
 * and form the next batch, in the order they were handed in (the queue's delivery order), so one
 * transaction decides what queued up during the previous one: the busier the queue, the bigger the
 * batch. Batches run one after another. Each command's promise settles after its batch committed;
 * a batch that fails is tried again in place from its first undecided command (the commands before
 * it are committed and answered), and after `attempts` failures the undecided ones are rejected.
 */
export function batchedDecider(decideBatch: (batch: QueuedCommand[]) => Promise<BatchResult>, options: BatchingOptions) {
  const { maxBatch, attempts, onFailure, pauseMs = (attempt) => Math.min(5_000, 250 * 2 ** attempt) } = options;
  const queued: Waiting[] = [];
  let draining = false;

  async function decide(batch: Waiting[]) {
    let rest = batch;
    for (let attempt = 1; rest.length > 0; attempt++) {
      let failure: unknown;
      try {
        const result = await decideBatch(rest.map(({ command, context, receivedAt }) => ({ command, context, receivedAt })));
        result.replies.forEach((reply, i) => rest[i]!.resolve(reply));
        rest = rest.slice(result.replies.length);
        if (rest.length === 0) return;
        failure = result.failure ?? new Error('the batch decided fewer commands than it was given');
      } catch (error) {
        failure = error;
      }
      onFailure(failure, attempt, rest.length);
      if (attempt >= attempts) {
        for (const waiting of rest) waiting.reject(failure);
        return;
      }
      await sleep(pauseMs(attempt));
    }
  }

  async function drain() {
    draining = true;
    try {
      // Deliveries that arrived together (one read from the socket) join the first batch.
      await new Promise((resolve) => setImmediate(resolve));
      while (queued.length > 0) await decide(queued.splice(0, maxBatch));
    } finally {
      draining = false;
    }
  }

  return {
    submit: (command: BookingCommand): Promise<BookingReply> =>
      new Promise<BookingReply>((resolve, reject) => {
        queued.push({ command, context: requestContext(), receivedAt: performance.now(), resolve, reject });
        // The batches are the work of several requests: they run outside any one request's context.
        if (!draining) withRequestContext(undefined, () => void drain());
      }),
    /** Whether a batch is being decided or commands wait for one. */
    busy: () => draining,
  };
}

import { randomUUID } from 'node:crypto';
import type { Logger } from '@clinic/service-kit';
import { BookingReply } from '@clinic/contracts';
import { consumeReplies, type Broker } from '@clinic/messaging';
import { Compile } from 'typebox/compile';

/** Replies checked as they arrive, with the schema compiled once. */
const replyValidator = Compile(BookingReply);

/** This replica's own reply queue, and the requests waiting on it for the worker's reply. */
export async function awaitingReplies({
  broker,
  replicaName,
  timeoutMs,
  logger,
}: {
  broker: Broker;
  replicaName: string;
  /** How long a request waits for its reply. */
  timeoutMs: number;
  logger: Logger;
}) {
  // Replies come back on a queue of this replica's own, matched to the waiting request by command id.
  const replyQueue = `appointment.booking-replies.${replicaName}.${randomUUID().slice(0, 8)}`;
  const waiting = new Map<string, Set<(reply: BookingReply | undefined) => void>>();
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
    name: replyQueue,
    awaitReply,
    /** Whether a request waits for its reply. */
    waiting: () => waiting.size > 0,
    close: () => {
      stopWatching();
      return replies.close();
    },
  };
}

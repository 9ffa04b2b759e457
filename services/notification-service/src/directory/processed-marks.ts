import { withRequestContext } from '@clinic/service-kit';

/** Events marked in one request at most (appointment-service's limit). */
export const MARKS_PER_REQUEST = 500;

export interface ProcessedMarksOptions {
  /** Marks these events processed in appointment-service, in one request. */
  send: (eventIds: string[]) => Promise<void>;
  /** How long an event waits for others to be marked with it. */
  delayMs: number;
  onError: (error: unknown, eventIds: string[]) => void;
}

/**
 * The events this process handled, marked processed in appointment-service a batch at a time rather
 * than one request each. A mark only keeps the catch-up from handling the event again, and handling
 * again adds nothing (its notifications are claimed): so the handler does not wait for it, and a batch
 * that fails (or is lost with the process) is left to the catch-up.
 */
export function processedMarks({ send, delayMs, onError }: ProcessedMarksOptions) {
  let waiting: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let sending = Promise.resolve();

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MARKS_PER_REQUEST);
      waiting = waiting.slice(MARKS_PER_REQUEST);
      sending = sending.then(() => send(batch).catch((error: unknown) => onError(error, batch)));
    }
    return sending;
  }

  return {
    /** Queues the mark; a full request's worth is sent at once, otherwise after `delayMs`. */
    mark(eventId: string): void {
      waiting.push(eventId);
      // Sent outside the trace of the event that happened to come first: the batch is every event's.
      const flushApart = () => void withRequestContext(undefined, flush);
      if (waiting.length >= MARKS_PER_REQUEST) flushApart();
      else timer ??= setTimeout(flushApart, delayMs);
    },

    /** Sends what waits, and resolves once every request sent so far is answered. */
    flush,
  };
}

export type ProcessedMarks = ReturnType<typeof processedMarks>;

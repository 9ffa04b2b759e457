import type { RequestContext } from '@clinic/service-kit';
import type { AppointmentServiceEvent, BookingAnswer, BookingCommand, BookingReply } from '@clinic/contracts';

/** A booking command before it has an id: what the client asked for (each kind of command). */
export type BookingRequest = BookingCommand extends infer Command ? (Command extends BookingCommand ? Omit<Command, 'id'> : never) : never;

/** How the rest of the service hands a command to the booking queue and gets its outcome (booking/requests.ts). */
export interface BookingGateway {
  submit(requesterId: string, idempotencyKey: string | undefined, request: BookingRequest): Promise<BookingAnswer>;
}

/** A command as the worker gets it, with the context of the request it came with (see request-context.ts in service-kit). */
export interface QueuedCommand {
  command: BookingCommand;
  context?: RequestContext;
  /** When the consumer handed it in (performance.now()): the decision's latency is counted from there. */
  receivedAt?: number;
}

/**
 * What a batch came to. `replies[i]` answers `batch[i]` for every command of the decided prefix;
 * when a command failed unexpectedly, `failure` says why and `replies` stops before it: the commands
 * before it are committed, it and those after it are not (they are tried again, in order).
 */
export interface BatchResult {
  replies: BookingReply[];
  failure?: unknown;
}

/**
 * A decision the batch makes inside the transaction, in its own savepoint. An UNAVAILABLE reply
 * (doctor-service unreachable) is not stored: the command stays undecided, so a retry decides it.
 */
export interface Decision {
  reply: BookingReply;
  event?: AppointmentServiceEvent;
}

/** Decides a batch of commands in order, in one transaction (booking-worker/worker.ts is the one). */
export type BookingWorker = (batch: QueuedCommand[]) => Promise<BatchResult>;

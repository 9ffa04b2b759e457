import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Logger, Pool } from '@clinic/service-kit';
import type { BookingAnswer } from '@clinic/contracts';
import { declareQueue, type Broker } from '@clinic/messaging';
import { bookingCommandsRepository as commands } from './commands-repository.ts';
import { refusedBeforeQueue } from './metrics.ts';
import { slotTaken } from './refusals.ts';
import { awaitingReplies } from './replies.ts';
import { bookingShardOf, bookingShardQueue, bookingShardQueues, shardQueueOptions } from './shards.ts';
import type { BookingRequest } from './types.ts';

/**
 * Longest wait for the broker to confirm a command's publication. While the broker is unreachable the
 * client would otherwise wait for a reconnection (about 20 s) before failing.
 */
const PUBLISH_TIMEOUT_MS = 3_000;

/**
 * The part of a request that an idempotency key stands for: not who the patient is called today, nor
 * who asked (the key is the requester's already). Whom a booking is for counts when the front desk
 * books for someone else, and the family member a booking is for; a patient's own booking keeps the
 * fingerprint it always had.
 */
function fingerprint(request: BookingRequest) {
  const {
    patient,
    booked_by: bookedBy,
    requested_by: _requestedBy,
    family_member: member,
    ...target
  } = request as BookingRequest & { patient?: { id: string }; booked_by?: string; requested_by?: string; family_member?: { id: string } };
  const forSomeoneElse = patient && bookedBy && patient.id !== bookedBy ? { patient_id: patient.id } : {};
  // The family member by id only: not by the name they are called today.
  const forMember = member ? { family_member_id: member.id } : {};
  // Doctor commands have no interval.
  const times =
    'start_time' in target && 'end_time' in target
      ? { start_time: new Date(target.start_time).toISOString(), end_time: new Date(target.end_time).toISOString() }
      : {};
  // Through JSON, as stored: a field left undefined is no field.
  return JSON.parse(JSON.stringify({ ...target, ...forSomeoneElse, ...forMember, ...times })) as Record<string, unknown>;
}

/** The queue that decides each command, by the doctor's shard. */
function commandQueues(pool: Pool, shards: number) {
  /** The doctor whose shard decides the command; a reschedule keeps its appointment's doctor. */
  async function doctorOf(request: Exclude<BookingRequest, { kind: 'PATIENT_LEFT' }>): Promise<string | undefined> {
    if ('doctor_id' in request) return request.doctor_id;
    if (shards === 1) return undefined;
    const { rows } = await pool.query<{ doctor_id: string }>('SELECT doctor_id FROM appointments WHERE id = $1', [request.appointment_id]);
    return rows[0]?.doctor_id;
  }

  /** The queue that decides the command: the doctor's shard's, or the one a command to every shard names. */
  return async function queueOf(request: BookingRequest): Promise<string> {
    if (request.kind === 'PATIENT_LEFT') return bookingShardQueue(request.shard);
    const doctorId = await doctorOf(request);
    // An unknown appointment has no doctor: any shard answers NOT_FOUND; shard 0 it is.
    return bookingShardQueue(doctorId ? bookingShardOf(doctorId, shards) : 0);
  };
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
  const replies = await awaitingReplies({ broker, replicaName, timeoutMs, logger });
  const queueOf = commandQueues(pool, shards);
  let lastRequestAt = 0;

  return {
    async submit(requesterId: string, idempotencyKey: string | undefined, request: BookingRequest): Promise<BookingAnswer> {
      const registered = await commands.register(
        pool,
        { id: randomUUID(), requesterId, idempotencyKey, request: fingerprint(request) },
        // A time already booked is refused here, before the queue: the worker would refuse it too,
        // and when many patients race for a few times most of them get their answer from this one
        // statement instead of a command, a publication, a decision and a reply each.
        request.kind === 'BOOK' ? { doctorId: request.doctor_id, start: request.start_time, end: request.end_time } : undefined,
      );
      if ('taken' in registered) {
        refusedBeforeQueue.inc();
        return slotTaken();
      }
      const { command: stored, created } = registered;
      if (!created && !isDeepStrictEqual(stored.request, fingerprint(request))) {
        return { result: 'KEY_REUSED' };
      }
      if (stored.outcome) return stored.outcome;
      const command = { ...request, id: stored.id };
      const waitingForReply = replies.awaitReply(stored.id);
      lastRequestAt = Date.now();
      try {
        const queue = await queueOf(request);
        await broker.ping();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          broker.publisher.send(
            { routingKey: queue, durable: true, messageId: stored.id, correlationId: stored.id, replyTo: replies.name },
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
    busy: () => replies.waiting() || Date.now() - lastRequestAt < 1_000,
    close: () => replies.close(),
  };
}

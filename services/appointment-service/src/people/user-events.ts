import { inTransaction, type Logger, type Pool } from '@clinic/service-kit';
import { UserEvent, type BookingAnswer } from '@clinic/contracts';
import { APPOINTMENT_USER_EVENTS_QUEUE, consume, EVENTS_EXCHANGE, eventRoutingKey, type Broker } from '@clinic/messaging';
import {
  appointmentsAheadRepository as ahead,
  userSnapshotsRepository as snapshots,
  handledEventsRepository as handledEvents,
  patientsRepository as patients,
} from '../appointments/index.ts';
import type { BookingGateway } from '../booking/index.ts';
import { type DocumentStore, pdfObjectKey } from '../documents/index.ts';
import { retryInPlace } from '../retry-in-place.ts';
import { offerTime, PLATFORM_REQUESTER, patientWaitlistsRepository as patientWaitlists } from '../waitlist/index.ts';

/** Tries per delivery before the event goes back to the queue. */
const EVENT_ATTEMPTS = 5;

/** Returns of an event to the queue before it is dead-lettered: the queue's `x-delivery-limit`. */
const DELIVERY_ATTEMPTS = 5;

type Applied =
  | { outcome: 'skipped' }
  | { outcome: 'renamed'; appointments: number }
  | { outcome: 'erased'; cancelled: number; anonymised: number; holdsReleased: number };

/**
 * UPDATED, in one transaction with the mark that it was handled (a redelivery changes nothing): the
 * user's name and email on their active appointments ahead, as patient and as doctor, unless a newer
 * profile of theirs was applied already.
 */
async function applyUpdate(pool: Pool, event: Extract<UserEvent, { type: 'UPDATED' }>): Promise<Applied> {
  return inTransaction(pool, async (tx): Promise<Applied> => {
    if (!(await handledEvents.claim(tx, event.id))) return { outcome: 'skipped' };
    if (!(await snapshots.claimNewer(tx, event.userId, event.occurredAt))) return { outcome: 'skipped' };
    return { outcome: 'renamed', appointments: await ahead.renameUser(tx, event.userId, event.user.full_name, event.user.email) };
  });
}

/** A command to every booking queue did not get its decision: the event is tried again (the same keys replay it). */
function cancelledOrThrow(answer: BookingAnswer): number {
  if (answer.result === 'PATIENT_LEFT') return answer.cancelled;
  throw new Error(`the patient's cancellations were not decided (${answer.result}); tried again`);
}

/**
 * DELETED, in steps each safe to run again (a redelivery, or a retry after a failure midway, does what
 * is left and nothing twice):
 * 1. the patient is marked deleted (no booking of theirs is accepted from then on), leaves every
 *    waitlist, and the times held for them are released and offered to the next waiter;
 * 2. their active appointments ahead are cancelled through every booking queue (PATIENT_LEFT, under
 *    keys naming the event): each shard cancels after the bookings it decided before, so none of them
 *    survives, and the doctors are told as of any cancellation (the reason: the account was deleted);
 * 3. what the clinic keeps (every appointment and its events) no longer names them, and their PDFs are
 *    deleted from the document store, so the links emailed to them answer 404.
 */
async function applyDeletion(
  pool: Pool,
  bookings: BookingGateway & { shards: number },
  store: Pick<DocumentStore, 'remove'>,
  event: Extract<UserEvent, { type: 'DELETED' }>,
  logger: Logger,
): Promise<Applied> {
  const patientId = event.userId;
  const released = await inTransaction(pool, async (tx) => {
    await patients.markDeleted(tx, patientId);
    return patientWaitlists.leaveWaitlists(tx, patientId);
  });
  for (const hold of released) {
    const answer = await offerTime(bookings, `released:${hold.id}`, hold).catch((error: unknown) => {
      logger.warn({ err: error, holdId: hold.id }, 'time released by a deleted patient not offered again');
      return undefined;
    });
    logger.info({ holdId: hold.id, result: answer?.result }, 'time held for a deleted patient offered again');
  }
  let cancelled = 0;
  for (let shard = 0; shard < bookings.shards; shard++) {
    const answer = await bookings.submit(PLATFORM_REQUESTER, `patient-left:${event.id}:${shard}`, {
      kind: 'PATIENT_LEFT',
      patient_id: patientId,
      shard,
    });
    cancelled += cancelledOrThrow(answer);
  }
  const ids = await inTransaction(pool, (tx) => patients.anonymise(tx, patientId));
  await store.remove(ids.map(pdfObjectKey));
  return { outcome: 'erased', cancelled, anonymised: ids.length, holdsReleased: released.length };
}

/**
 * Every replica consumes user-service's events (competing consumers). Two events of one user handled
 * at once by two replicas are applied one after the other (the user's row in `user_snapshots`), and
 * the older one, if it comes second, changes nothing.
 */
export function startUserEventsConsumer({
  pool,
  broker,
  bookings,
  store,
  onCancelled,
  logger,
}: {
  pool: Pool;
  broker: Broker;
  /** The booking queues a deleted patient's cancellations go through. */
  bookings: BookingGateway & { shards: number };
  /** Where a deleted patient's PDFs are erased. */
  store: Pick<DocumentStore, 'remove'>;
  /** Called after appointments were cancelled, so their events are relayed at once. */
  onCancelled: () => void;
  logger: Logger;
}) {
  return consume(
    broker,
    {
      queue: APPOINTMENT_USER_EVENTS_QUEUE,
      schema: UserEvent,
      attempts: DELIVERY_ATTEMPTS,
      prefetch: 2,
      bindings: (['UPDATED', 'DELETED'] as const).map((type) => ({ exchange: EVENTS_EXCHANGE, routingKey: eventRoutingKey('user', type) })),
      logger,
    },
    async (event) => {
      const applied = await retryInPlace(
        EVENT_ATTEMPTS,
        () => (event.type === 'UPDATED' ? applyUpdate(pool, event) : applyDeletion(pool, bookings, store, event, logger)),
        (error, attempt) => logger.error({ err: error, eventId: event.id, attempt }, 'user event not applied'),
      );
      logger.info({ eventId: event.id, type: event.type, userId: event.userId, ...applied }, 'user event handled');
      if (applied.outcome === 'erased' && applied.cancelled > 0) onCancelled();
    },
  );
}

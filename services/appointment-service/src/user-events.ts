import { inTransaction, type Logger, type Pool } from '@clinic/service-kit';
import { UserEvent } from '@clinic/contracts';
import { APPOINTMENT_USER_EVENTS_QUEUE, consume, EVENTS_EXCHANGE, eventRoutingKey, type Broker } from '@clinic/messaging';
import { appointmentsAheadRepository as ahead, userSnapshotsRepository as snapshots } from './appointments-ahead-repository.ts';
import {
  appointmentsRepository as appointments,
  eventsRepository as events,
  handledEventsRepository as handledEvents,
} from './appointments-repository.ts';
import { retryInPlace } from './retry-in-place.ts';

/** Tries per delivery before the event goes back to the queue. */
const EVENT_ATTEMPTS = 5;

/** Returns of an event to the queue before it is dead-lettered: the queue's `x-delivery-limit`. */
const DELIVERY_ATTEMPTS = 5;

type Applied = { outcome: 'skipped' } | { outcome: 'renamed'; appointments: number } | { outcome: 'cancelled'; appointments: number };

/**
 * What a user event changes in the appointments, in one transaction with the mark that it was handled
 * (a redelivery changes nothing). UPDATED: the user's name and email on their active appointments ahead,
 * as patient and as doctor, unless a newer profile of theirs was applied already. DELETED: the patient's
 * active appointments ahead are cancelled, each with its CANCELLED event (by the clinic's administrator,
 * the reason told in each recipient's language), which frees their times.
 */
async function apply(pool: Pool, event: UserEvent): Promise<Applied> {
  return inTransaction(pool, async (tx): Promise<Applied> => {
    if (!(await handledEvents.claim(tx, event.id))) return { outcome: 'skipped' };
    if (event.type === 'UPDATED') {
      if (!(await snapshots.claimNewer(tx, event.userId, event.occurredAt))) return { outcome: 'skipped' };
      return { outcome: 'renamed', appointments: await ahead.renameUser(tx, event.userId, event.user.full_name, event.user.email) };
    }
    const upcoming = await ahead.ofPatientLocked(tx, event.userId);
    for (const appointment of upcoming) {
      const cancelled = await appointments.setStatus(tx, appointment.id, 'CANCELLED');
      await events.record(tx, 'CANCELLED', cancelled, { cancelledBy: 'ADMIN', reasonCode: 'PATIENT_ACCOUNT_DELETED' });
    }
    return { outcome: 'cancelled', appointments: upcoming.length };
  });
}

/**
 * Every replica consumes user-service's events (competing consumers). Two events of one user handled
 * at once by two replicas are applied one after the other (the user's row in `user_snapshots`), and
 * the older one, if it comes second, changes nothing.
 */
export function startUserEventsConsumer({
  pool,
  broker,
  onCancelled,
  logger,
}: {
  pool: Pool;
  broker: Broker;
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
        () => apply(pool, event),
        (error, attempt) => logger.error({ err: error, eventId: event.id, attempt }, 'user event not applied'),
      );
      logger.info({ eventId: event.id, type: event.type, userId: event.userId, ...applied }, 'user event handled');
      if (applied.outcome === 'cancelled' && applied.appointments > 0) onCancelled();
    },
  );
}

import type { Logger, Pool } from '@clinic/service-kit';
import { UserEvent } from '@clinic/contracts';
import { consume, DOCTOR_USER_EVENTS_QUEUE, EVENTS_EXCHANGE, eventRoutingKey, type Broker } from '@clinic/messaging';
import { doctorsRepository as doctors } from './repository.ts';

/** Returns of an event to the queue before it is dead-lettered: the queue's `x-delivery-limit`. */
const DELIVERY_ATTEMPTS = 5;

/**
 * A doctor's name and email follow their user's profile: doctor-service applies user-service's
 * `user.updated` events. Applying one is idempotent and ordered by the event's time (the doctor's
 * `profile_as_of`): a repeated or late event changes nothing. A user's deletion needs nothing here:
 * user-service deletes the doctor record first (POST /internal/doctors/by-user/{id}/retire).
 */
export function startUserEventsConsumer({ pool, broker, logger }: { pool: Pool; broker: Broker; logger: Logger }) {
  return consume(
    broker,
    {
      queue: DOCTOR_USER_EVENTS_QUEUE,
      schema: UserEvent,
      attempts: DELIVERY_ATTEMPTS,
      bindings: [{ exchange: EVENTS_EXCHANGE, routingKey: eventRoutingKey('user', 'UPDATED') }],
      logger,
    },
    async (event) => {
      if (event.type !== 'UPDATED') return;
      const applied = await doctors.followUser(pool, event.userId, {
        full_name: event.user.full_name,
        email: event.user.email,
        asOf: event.occurredAt,
      });
      logger.info({ eventId: event.id, userId: event.userId, applied }, 'user event handled');
    },
  );
}

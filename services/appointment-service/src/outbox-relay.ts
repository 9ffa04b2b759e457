import { inTransaction, startPeriodic, type Logger, type Pool } from '@clinic/service-kit';
import { EVENTS_EXCHANGE, eventRoutingKey, type Broker } from '@clinic/messaging';
import { eventsRepository as events } from './appointments-repository.ts';

const BATCH = 100;

/**
 * Relays the outbox to RabbitMQ: events are marked published only after the broker confirmed
 * them, in the transaction that locked them. Replicas run it side by side; SKIP LOCKED gives each
 * a different batch. A crash between confirm and commit publishes an event again, which is why
 * consumers deduplicate on the event id.
 */
export function startOutboxRelay({ pool, broker, intervalMs, logger }: { pool: Pool; broker: Broker; intervalMs: number; logger: Logger }) {
  return startPeriodic(
    'outbox-relay',
    intervalMs,
    () =>
      inTransaction(pool, async (tx) => {
        const batch = await events.lockUnpublished(tx, BATCH);
        if (batch.length === 0) return false;
        await Promise.all(
          batch.map((event) =>
            broker.publisher.send(
              {
                exchange: EVENTS_EXCHANGE,
                routingKey: eventRoutingKey('appointment', event.type),
                durable: true,
                messageId: event.id,
                contentType: 'application/json',
              },
              event,
            ),
          ),
        );
        await events.markPublished(
          tx,
          batch.map((event) => event.id),
        );
        logger.debug({ count: batch.length }, 'events published');
        return batch.length === BATCH;
      }),
    logger,
  );
}

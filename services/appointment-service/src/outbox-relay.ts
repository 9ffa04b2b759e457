import { inTransaction, startPeriodic, withRequestContext, type Logger, type Pool } from '@clinic/service-kit';
import { EVENTS_EXCHANGE, eventRoutingKey, type Broker } from '@clinic/messaging';
import { eventsRepository as events } from './appointments-repository.ts';

const BATCH = 100;

/** Any constant: the key of the advisory lock that lets one replica relay at a time. */
const RELAY_LOCK = 0x0b0c_0001;

/**
 * Relays the outbox to RabbitMQ: events are marked published only after the broker confirmed
 * them, in the transaction that read them. Every replica runs the relay, but a transaction-scoped
 * advisory lock lets one at a time publish, oldest first, so an appointment's events leave in the
 * order they happened (a CANCELLED never overtakes its CREATED). A crash between confirm and commit
 * publishes an event again, which is why consumers deduplicate on the event id. Each event is
 * published under the id of the request that recorded it, so its consumers log and call under it.
 */
export function startOutboxRelay({ pool, broker, intervalMs, logger }: { pool: Pool; broker: Broker; intervalMs: number; logger: Logger }) {
  return startPeriodic(
    'outbox-relay',
    intervalMs,
    () =>
      inTransaction(pool, async (tx) => {
        const { rows } = await tx.query<{ relaying: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS relaying', [RELAY_LOCK]);
        if (!rows[0]!.relaying) return false;
        const batch = await events.unpublished(tx, BATCH);
        if (batch.length === 0) return false;
        await Promise.all(
          batch.map(({ event, requestId }) =>
            // Published under the id of the request that made the change (the x-request-id header).
            withRequestContext(requestId ? { requestId } : undefined, () =>
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
          ),
        );
        await events.markPublished(
          tx,
          batch.map(({ event }) => event.id),
        );
        logger.debug({ count: batch.length }, 'events published');
        return batch.length === BATCH;
      }),
    logger,
  );
}

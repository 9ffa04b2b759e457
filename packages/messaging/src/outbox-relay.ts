import {
  gaugeAtScrape,
  inTransaction,
  sharedRead,
  recordedRequestContext,
  startPeriodic,
  withRequestContext,
  type Logger,
  type PeriodicTask,
  type Pool,
  type PoolClient,
  type Queryable,
} from '@clinic/service-kit';
import type { MessageBody } from 'rabbitmq-client';
import type { Broker } from './broker.ts';
import { EVENTS_EXCHANGE } from './topology.ts';

/** One event waiting in a service's outbox table. */
export interface OutboxMessage {
  /** The event id: the message id its consumers deduplicate on. */
  id: string;
  /** Its routing key on `clinic.events`, `<aggregate>.<type in lower case>` (eventRoutingKey). */
  routingKey: string;
  body: MessageBody;
  /** The request that recorded the event, or null: the event is published under it. */
  requestId: string | null;
  /**
   * The trace context the event was recorded in (its W3C `traceparent`), or null: the publication is a
   * span of that trace, so one booking stays one trace across the outbox.
   */
  traceparent?: string | null;
}

/** A service's outbox table, read and marked in the relay's transaction. */
export interface Outbox {
  /** The oldest events not yet published, in the order they happened. */
  unpublished(tx: PoolClient, limit: number): Promise<OutboxMessage[]>;
  markPublished(tx: PoolClient, ids: string[]): Promise<void>;
  /**
   * Optional: the lock, the read and the mark in one statement. When the transaction-scoped advisory lock
   * `lockKey` is free, marks the oldest unpublished events (at most `limit`) published and answers them in
   * the order they happened; answers none while another replica relays. The relay's transaction is rolled
   * back when the broker does not confirm them, which undoes the mark. Without it the relay takes the
   * lock, reads and marks in three statements.
   */
  claim?(tx: PoolClient, limit: number, lockKey: number): Promise<OutboxMessage[]>;
  /** What waits to be published: how many events, and the age of the oldest in seconds (0 when none). */
  backlog(db: Queryable): Promise<OutboxBacklog>;
}

export interface OutboxBacklog {
  unpublished: number;
  oldestAgeSeconds: number;
}

/**
 * `clinic_outbox_lag_seconds` and `clinic_outbox_unpublished`, read from the outbox table at each scrape
 * (one query for both): every replica reports the service's one outbox, whichever relays it.
 */
function observeOutbox(pool: Pool, outbox: Outbox): void {
  const read = sharedRead(() => outbox.backlog(pool));
  gaugeAtScrape({ name: 'clinic_outbox_lag_seconds', help: 'Age of the oldest event not yet published (0 when none)' }, async (lag) =>
    lag.set((await read()).oldestAgeSeconds),
  );
  gaugeAtScrape({ name: 'clinic_outbox_unpublished', help: 'Events in the outbox not yet published' }, async (unpublished) =>
    unpublished.set((await read()).unpublished),
  );
}

/** How long a nudged relay waits for more nudges before it runs. */
const NUDGE_DELAY_MS = 5;

export interface OutboxRelayOptions {
  pool: Pool;
  broker: Broker;
  outbox: Outbox;
  /**
   * The key of the advisory lock that lets one replica relay at a time. Every service's relay has its
   * own (the services share one database), so they never wait for each other.
   */
  lockKey: number;
  intervalMs: number;
  logger: Logger;
  /** Events published per transaction. Default 100. */
  batchSize?: number;
}

/**
 * Relays a service's outbox to RabbitMQ: events are marked published only after the broker confirmed
 * them, in the transaction that read them. Every replica runs the relay, but a transaction-scoped
 * advisory lock lets one at a time publish, oldest first, so one aggregate's events leave in the order
 * they happened (an appointment's CANCELLED never overtakes its CREATED, a user's second change never
 * its first). A crash between confirm and commit publishes an event again, which is why consumers
 * deduplicate on the event id. Each event is published under the id of the request that recorded it
 * (the `x-request-id` header) and in its trace (`traceparent`), so its consumers log, call and trace
 * under them.
 */
export function startOutboxRelay({ pool, broker, outbox, lockKey, intervalMs, logger, batchSize = 100 }: OutboxRelayOptions): PeriodicTask {
  observeOutbox(pool, outbox);
  const publish = (batch: OutboxMessage[]) =>
    Promise.all(
      batch.map(({ id, routingKey, body, requestId, traceparent }) =>
        withRequestContext(recordedRequestContext(requestId, traceparent), () =>
          broker.publisher.send(
            { exchange: EVENTS_EXCHANGE, routingKey, durable: true, messageId: id, contentType: 'application/json' },
            body,
          ),
        ),
      ),
    );
  const relay = startPeriodic(
    'outbox-relay',
    intervalMs,
    () =>
      inTransaction(pool, async (tx) => {
        let batch: OutboxMessage[];
        if (outbox.claim) {
          batch = await outbox.claim(tx, batchSize, lockKey);
          if (batch.length === 0) return false;
          await publish(batch);
        } else {
          const { rows } = await tx.query<{ relaying: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS relaying', [lockKey]);
          if (!rows[0]!.relaying) return false;
          batch = await outbox.unpublished(tx, batchSize);
          if (batch.length === 0) return false;
          await publish(batch);
          await outbox.markPublished(
            tx,
            batch.map(({ id }) => id),
          );
        }
        logger.debug({ count: batch.length }, 'events published');
        return batch.length === batchSize;
      }),
    logger,
  );
  // Nudges that come together (the answers of one booking batch, on every replica) make one run, not one each.
  let nudged: NodeJS.Timeout | undefined;
  return {
    nudge() {
      nudged ??= setTimeout(() => {
        nudged = undefined;
        relay.nudge();
      }, NUDGE_DELAY_MS);
    },
    async stop() {
      clearTimeout(nudged);
      await relay.stop();
    },
  };
}

import { randomUUID } from 'node:crypto';
import { currentTraceparent, isoTimestamp, requestContext, type PoolClient, type Queryable } from '@clinic/service-kit';
import { eventRoutingKey, type Outbox } from '@clinic/messaging';
import type {
  Appointment,
  AppointmentEvent,
  AppointmentEventType,
  AppointmentServiceEvent,
  StoredAppointmentEvent,
  StoredServiceEvent,
} from '@clinic/contracts';

const storedEventColumns = `id, appointment_id, type, payload, ${isoTimestamp('created_at')} AS created_at, is_processed,
  ${isoTimestamp('processed_at')} AS processed_at`;

/** An event the booking worker's batch records, with the request (id and trace context) it was decided for. */
export interface RecordedEvent {
  event: AppointmentServiceEvent;
  requestId: string | undefined;
  traceparent: string | null;
}

export const eventsRepository = {
  /**
   * Records an event in the outbox; call it in the transaction that made the change. The request id
   * and trace context of the work in progress are stored with it, and its publication carries them on.
   */
  async record(
    db: Queryable,
    type: AppointmentEventType,
    appointment: Appointment,
    details: Pick<AppointmentEvent, 'cancelledBy' | 'reason' | 'reasonCode' | 'actorId'> = {},
  ): Promise<AppointmentEvent> {
    const event: AppointmentEvent = {
      id: randomUUID(),
      type,
      occurredAt: new Date().toISOString(),
      appointmentId: appointment.id,
      appointment,
      ...details,
    };
    await db.query(
      `INSERT INTO appointment_events (id, appointment_id, type, payload, created_at, request_id, traceparent)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [event.id, appointment.id, type, event, event.occurredAt, requestContext()?.requestId ?? null, currentTraceparent()],
    );
    return event;
  },

  /** The oldest events not yet published, in the order they happened, with the request and trace each came from. */
  async unpublished(
    db: PoolClient,
    limit: number,
  ): Promise<Array<{ event: AppointmentServiceEvent; requestId: string | null; traceparent: string | null }>> {
    const { rows } = await db.query<{ payload: AppointmentServiceEvent; request_id: string | null; traceparent: string | null }>(
      `SELECT payload, request_id, traceparent FROM appointment_events WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ event: r.payload, requestId: r.request_id, traceparent: r.traceparent }));
  },

  async markPublished(db: PoolClient, ids: string[]): Promise<void> {
    await db.query('UPDATE appointment_events SET published_at = now() WHERE id = ANY($1::uuid[])', [ids]);
  },

  /** Events not processed yet, oldest first; only those older than `olderThanSeconds` (the broker's path had its chance). */
  async pending(db: Queryable, limit: number, olderThanSeconds = 0): Promise<StoredServiceEvent[]> {
    const { rows } = await db.query<StoredServiceEvent>(
      `SELECT ${storedEventColumns} FROM appointment_events
       WHERE NOT is_processed AND created_at <= now() - make_interval(secs => $2) ORDER BY created_at LIMIT $1`,
      [limit, olderThanSeconds],
    );
    return rows;
  },

  /** Every event of one appointment, in the order they happened. */
  async ofAppointment(db: Queryable, appointmentId: string): Promise<StoredAppointmentEvent[]> {
    const { rows } = await db.query<StoredAppointmentEvent>(
      `SELECT ${storedEventColumns} FROM appointment_events
       WHERE appointment_id = $1 ORDER BY created_at, id`,
      [appointmentId],
    );
    return rows;
  },

  /** Idempotent: processing an event twice keeps the first time. */
  async markProcessed(db: Queryable, id: string): Promise<StoredServiceEvent | undefined> {
    const { rows } = await db.query<StoredServiceEvent>(
      `UPDATE appointment_events SET is_processed = true, processed_at = coalesce(processed_at, now()) WHERE id = $1
       RETURNING ${storedEventColumns}`,
      [id],
    );
    return rows[0];
  },

  /** Idempotent, in one statement: the events found are marked (keeping the first time); answers how many were found. */
  async markAllProcessed(db: Queryable, ids: readonly string[]): Promise<number> {
    const { rowCount } = await db.query(
      `UPDATE appointment_events SET is_processed = true, processed_at = coalesce(processed_at, now()) WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return rowCount ?? 0;
  },
};

/** The outbox as the relay of @clinic/messaging reads it: each event routed as `appointment.<type>`. */
export const appointmentOutbox: Outbox = {
  async unpublished(db, limit) {
    return (await eventsRepository.unpublished(db, limit)).map(({ event, requestId, traceparent }) => ({
      id: event.id,
      routingKey: eventRoutingKey('appointment', event.type),
      body: event,
      requestId,
      traceparent,
    }));
  },
  markPublished: (db, ids) => eventsRepository.markPublished(db, ids),
  async claim(db, limit, lockKey) {
    // The statement's snapshot is older than its lock: the replica that held the lock may have published
    // and committed in between, so the batch it read can hold events already published. The UPDATE's
    // own `published_at IS NULL` is checked again on the row as committed, and skips them.
    const { rows } = await db.query<{ payload: AppointmentServiceEvent; request_id: string | null; traceparent: string | null }>({
      name: 'appointment-events.claim',
      text: `WITH relaying AS MATERIALIZED (SELECT pg_try_advisory_xact_lock($2) AS ok),
         batch AS (SELECT id FROM appointment_events WHERE published_at IS NULL AND (SELECT ok FROM relaying)
           ORDER BY created_at, id LIMIT $1),
         claimed AS (UPDATE appointment_events e SET published_at = now() FROM batch
           WHERE e.id = batch.id AND e.published_at IS NULL
           RETURNING e.id, e.created_at, e.payload, e.request_id, e.traceparent)
       SELECT payload, request_id, traceparent FROM claimed ORDER BY created_at, id`,
      values: [limit, lockKey],
    });
    return rows.map(({ payload, request_id: requestId, traceparent }) => ({
      id: payload.id,
      routingKey: eventRoutingKey('appointment', payload.type),
      body: payload,
      requestId,
      traceparent,
    }));
  },
  async backlog(db) {
    const { rows } = await db.query<{ unpublished: number; oldest_age_seconds: number }>(
      `SELECT count(*)::int AS unpublished, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest_age_seconds
       FROM appointment_events WHERE published_at IS NULL`,
    );
    return { unpublished: rows[0]!.unpublished, oldestAgeSeconds: rows[0]!.oldest_age_seconds };
  },
};

/** Consumed events already acted on, so a redelivery is recognised. */
export const handledEventsRepository = {
  /** Marks the event handled; false when it already was. Call it in the transaction that acts on the event. */
  async claim(db: Queryable, eventId: string): Promise<boolean> {
    const { rowCount } = await db.query('INSERT INTO handled_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING', [eventId]);
    return rowCount === 1;
  },
};

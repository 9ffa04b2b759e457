import { randomUUID } from 'node:crypto';
import { currentTraceparent, requestContext, type PoolClient, type Queryable } from '@clinic/service-kit';
import { eventRoutingKey, type Outbox } from '@clinic/messaging';
import type { TokensRevokedEvent, UserEvent, UserProfile } from '@clinic/contracts';

/** The outbox of user-service (`user_events`): each event recorded in the transaction of its change. */
export const userEventsRepository = {
  /** Records UPDATED with the profile as it is after the change. */
  recordUpdated(db: Queryable, user: UserProfile): Promise<UserEvent> {
    const { id, full_name, email, phone, language, role } = user;
    return record(db, {
      id: randomUUID(),
      type: 'UPDATED',
      occurredAt: new Date().toISOString(),
      userId: id,
      user: { id, full_name, email, phone, language, role },
    });
  },

  recordDeleted(db: Queryable, userId: string): Promise<UserEvent> {
    return record(db, { id: randomUUID(), type: 'DELETED', occurredAt: new Date().toISOString(), userId });
  },

  /** Records TOKENS_REVOKED: the user's tokens issued before `notBefore` are no longer honoured. */
  recordTokensRevoked(db: Queryable, userId: string, notBefore: string): Promise<TokensRevokedEvent> {
    return record(db, { id: randomUUID(), type: 'TOKENS_REVOKED', occurredAt: new Date().toISOString(), userId, notBefore });
  },

  /** Every event of one user, in the order they happened. */
  async ofUser(db: Queryable, userId: string): Promise<Array<UserEvent | TokensRevokedEvent>> {
    const { rows } = await db.query<{ payload: UserEvent | TokensRevokedEvent }>(
      'SELECT payload FROM user_events WHERE user_id = $1 ORDER BY created_at, id',
      [userId],
    );
    return rows.map((row) => row.payload);
  },
};

/** The request id and trace context of the work in progress are stored with the event; its publication carries them on. */
async function record<E extends UserEvent | TokensRevokedEvent>(db: Queryable, event: E): Promise<E> {
  await db.query(
    'INSERT INTO user_events (id, user_id, type, payload, created_at, request_id, traceparent) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [event.id, event.userId, event.type, event, event.occurredAt, requestContext()?.requestId ?? null, currentTraceparent()],
  );
  return event;
}

/** The outbox as the relay of @clinic/messaging reads it: each event routed as `user.<type>`. */
export const userOutbox: Outbox = {
  async unpublished(db: PoolClient, limit: number) {
    const { rows } = await db.query<{ payload: UserEvent | TokensRevokedEvent; request_id: string | null; traceparent: string | null }>(
      'SELECT payload, request_id, traceparent FROM user_events WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1',
      [limit],
    );
    return rows.map(({ payload, request_id, traceparent }) => ({
      id: payload.id,
      routingKey: eventRoutingKey('user', payload.type),
      body: payload,
      requestId: request_id,
      traceparent,
    }));
  },

  async markPublished(db: PoolClient, ids: string[]) {
    await db.query('UPDATE user_events SET published_at = now() WHERE id = ANY($1::uuid[])', [ids]);
  },

  async backlog(db: Queryable) {
    const { rows } = await db.query<{ unpublished: number; oldest_age_seconds: number }>(
      `SELECT count(*)::int AS unpublished, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest_age_seconds
       FROM user_events WHERE published_at IS NULL`,
    );
    return { unpublished: rows[0]!.unpublished, oldestAgeSeconds: rows[0]!.oldest_age_seconds };
  },
};

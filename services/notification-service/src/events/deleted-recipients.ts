import { inTransaction, type Logger, type Pool, type Queryable } from '@clinic/service-kit';
import { UserEvent } from '@clinic/contracts';
import { consume, EVENTS_EXCHANGE, eventRoutingKey, NOTIFICATION_USER_EVENTS_QUEUE, type Broker } from '@clinic/messaging';

/** What a deleted user's notifications show instead of their address and the messages. */
export const ERASED = { email: 'deleted-user@users.invalid', text: '' } as const;

export const deletedRecipientsRepository = {
  /**
   * The user's account was deleted (idempotent): marked, so nothing is written or sent to them from now
   * on, and their notifications purged: address, subject, message and calendar gone; what was not sent
   * yet is FAILED, never sent.
   */
  async purge(db: Queryable, userId: string): Promise<number> {
    await db.query('INSERT INTO deleted_recipients (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING', [userId]);
    const { rowCount } = await db.query(
      `UPDATE notifications SET recipient_email = $2, subject = $3, body = $3, body_html = $3, ics = NULL, ics_method = NULL,
         status = CASE WHEN status IN ('PENDING', 'RETRYING') THEN 'FAILED' ELSE status END,
         last_error = CASE WHEN status IN ('PENDING', 'RETRYING') THEN 'the recipient’s account was deleted' ELSE last_error END,
         lease_until = NULL, updated_at = now()
       WHERE recipient_id = $1 AND (recipient_email <> $2 OR body <> $3 OR status IN ('PENDING', 'RETRYING'))`,
      [userId, ERASED.email, ERASED.text],
    );
    // The audit of admins' messages keeps that one was sent to them, not what it said.
    await db.query(
      `UPDATE audit_log SET details = details - 'subject' - 'message' WHERE details ->> 'user_id' = $1 AND (details ? 'subject' OR details ? 'message')`,
      [userId],
    );
    await db.query(`UPDATE audit_log SET actor_name = NULL WHERE actor_id = $1 AND actor_name IS NOT NULL`, [userId]);
    return rowCount ?? 0;
  },

  /**
   * What an event's handling starts from, in one statement: the appointment's participants remembered
   * (when it has them), the recipients already told of the event (a redelivered or caught-up event), and
   * which of `candidates` were deleted.
   */
  async standing(
    db: Queryable,
    sourceKey: string,
    candidates: readonly string[],
    participants?: { appointmentId: string; patientId: string; doctorUserId: string },
  ): Promise<{ claimed: Set<string>; deleted: Set<string> }> {
    const { rows } = await db.query<{ claimed: string[]; deleted: string[] }>(
      `WITH remembered AS (
         INSERT INTO appointment_participants (appointment_id, patient_id, doctor_user_id)
         SELECT $3::uuid, $4::uuid, $5::uuid WHERE $3::uuid IS NOT NULL
         ON CONFLICT DO NOTHING)
       SELECT ARRAY(SELECT recipient_id::text FROM notifications WHERE source_key = $1) AS claimed,
         ARRAY(SELECT user_id::text FROM deleted_recipients WHERE user_id = ANY($2::uuid[])) AS deleted`,
      [
        sourceKey,
        [...candidates],
        participants?.appointmentId ?? null,
        participants?.patientId ?? null,
        participants?.doctorUserId ?? null,
      ],
    );
    return { claimed: new Set(rows[0]!.claimed), deleted: new Set(rows[0]!.deleted) };
  },
};

/** Returns of an event to the queue before it is dead-lettered. */
const DELIVERY_ATTEMPTS = 5;

/** Every replica consumes user-service's user.deleted (competing consumers); a redelivery purges nothing more. */
export function startDeletedUsersConsumer({ pool, broker, logger }: { pool: Pool; broker: Broker; logger: Logger }) {
  return consume(
    broker,
    {
      queue: NOTIFICATION_USER_EVENTS_QUEUE,
      schema: UserEvent,
      attempts: DELIVERY_ATTEMPTS,
      prefetch: 2,
      bindings: [{ exchange: EVENTS_EXCHANGE, routingKey: eventRoutingKey('user', 'DELETED') }],
      logger,
    },
    async (event) => {
      if (event.type !== 'DELETED') return;
      const purged = await inTransaction(pool, (tx) => deletedRecipientsRepository.purge(tx, event.userId));
      logger.info({ eventId: event.id, userId: event.userId, purged }, 'deleted user’s notifications purged');
    },
  );
}

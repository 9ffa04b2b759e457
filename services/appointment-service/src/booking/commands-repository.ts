import type { Pool, PoolClient } from '@clinic/service-kit';
import type { BookingOutcome } from '@clinic/contracts';

type Queryable = Pool | PoolClient;

export interface StoredBookingCommand {
  id: string;
  requester_id: string;
  idempotency_key: string | null;
  /** The request as the client made it, to tell a retry from a different request under the same key. */
  request: unknown;
  outcome: BookingOutcome | null;
}

const columns = 'id, requester_id, idempotency_key, request, outcome';

export const bookingCommandsRepository = {
  /**
   * Records a command, or finds the one already recorded under the requester's idempotency key.
   * `created` tells which.
   */
  async register(
    db: Queryable,
    command: { id: string; requesterId: string; idempotencyKey: string | undefined; request: unknown },
  ): Promise<{ command: StoredBookingCommand; created: boolean }> {
    const { rows } = await db.query<StoredBookingCommand>({
      name: 'booking-commands.register',
      text: `INSERT INTO booking_commands (id, requester_id, idempotency_key, request) VALUES ($1, $2, $3, $4)
       ON CONFLICT (requester_id, idempotency_key) DO NOTHING RETURNING ${columns}`,
      values: [command.id, command.requesterId, command.idempotencyKey ?? null, JSON.stringify(command.request)],
    });
    if (rows[0]) return { command: rows[0], created: true };
    const existing = await db.query<StoredBookingCommand>(
      `SELECT ${columns} FROM booking_commands WHERE requester_id = $1 AND idempotency_key = $2`,
      [command.requesterId, command.idempotencyKey],
    );
    return { command: existing.rows[0]!, created: false };
  },

  async find(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<StoredBookingCommand | undefined> {
    const { rows } = await db.query<StoredBookingCommand>(
      `SELECT ${columns} FROM booking_commands WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  },
};

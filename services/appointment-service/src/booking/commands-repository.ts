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
   * `created` tells which. With `unlessBooked`, a new command is recorded only while the doctor has no
   * active appointment overlapping the time (what the exclusion constraint checks): otherwise the
   * answer is `taken` and nothing is recorded.
   */
  async register(
    db: Queryable,
    command: { id: string; requesterId: string; idempotencyKey: string | undefined; request: unknown },
    unlessBooked?: { doctorId: string; start: string; end: string },
  ): Promise<{ command: StoredBookingCommand; created: boolean } | { taken: true }> {
    const { rows } = await db.query<StoredBookingCommand>({
      name: 'booking-commands.register',
      text: `INSERT INTO booking_commands (id, requester_id, idempotency_key, request)
       SELECT $1, $2, $3, $4 WHERE $5::uuid IS NULL OR NOT EXISTS (
         SELECT 1 FROM appointments WHERE doctor_id = $5 AND status IN ('PENDING', 'CONFIRMED')
           AND tstzrange(start_time, end_time) && tstzrange($6::timestamptz, $7::timestamptz))
       ON CONFLICT (requester_id, idempotency_key) DO NOTHING RETURNING ${columns}`,
      values: [
        command.id,
        command.requesterId,
        command.idempotencyKey ?? null,
        JSON.stringify(command.request),
        unlessBooked?.doctorId ?? null,
        unlessBooked?.start ?? null,
        unlessBooked?.end ?? null,
      ],
    });
    if (rows[0]) return { command: rows[0], created: true };
    // Without a key nothing conflicts: the insert was left out because the time is booked.
    if (command.idempotencyKey === undefined) return { taken: true };
    const existing = await db.query<StoredBookingCommand>(
      `SELECT ${columns} FROM booking_commands WHERE requester_id = $1 AND idempotency_key = $2`,
      [command.requesterId, command.idempotencyKey],
    );
    return existing.rows[0] ? { command: existing.rows[0], created: false } : { taken: true };
  },

  async find(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<StoredBookingCommand | undefined> {
    const { rows } = await db.query<StoredBookingCommand>(
      `SELECT ${columns} FROM booking_commands WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  },
};

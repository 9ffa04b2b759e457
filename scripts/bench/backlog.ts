// What a phase leaves behind once its answers are in (booking commands, PDFs, events, emails), and the
// wait until it is done, so it neither slows the next phase nor goes uncounted in this one's CPU.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { log } from './figures.ts';

export interface Rabbit {
  managementUrl: string;
  authorization: string;
}

export interface Backlog {
  queued: number;
  unpublished: number;
  emailsDue: number;
}

/**
 * One connection, as the superuser, for the whole run: a new connection every half second would start
 * a PostgreSQL backend each time (CPU the drain would count against the bookings), and the superuser's
 * statements are left out of the statements per booking, which are the services' own.
 */
export function backlogReader(rabbit: Rabbit, adminUrl: string) {
  const pool = new pg.Pool({ connectionString: adminUrl, max: 1 });
  const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);

  /** Messages queued or unacknowledged (but in `ignoredQueues`), events unpublished, emails due. */
  async function read(ignoredQueues: ReadonlySet<string> = new Set()): Promise<Backlog> {
    const response = await fetch(`${rabbit.managementUrl}/api/queues/%2F?columns=name,messages`, {
      headers: { authorization: rabbit.authorization },
      signal: AbortSignal.timeout(10_000),
    });
    const queues = (await response.json()) as Array<{ name: string; messages?: number }>;
    // The dead-letter queue only grows (kept for people to look at); reply queues are answered at once.
    const queued = queues
      .filter((q) => q.name !== 'clinic.dead-letter' && !ignoredQueues.has(q.name))
      .reduce((total, q) => total + (q.messages ?? 0), 0);
    const [unpublished, emailsDue] = await Promise.all([
      count('SELECT count(*) AS n FROM appointment_service.appointment_events WHERE published_at IS NULL'),
      count(
        `SELECT count(*) AS n FROM notification_service.notifications WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= now()`,
      ),
    ]);
    return { queued, unpublished, emailsDue };
  }

  /**
   * Waits until the backlog (but `ignoredQueues`, e.g. the queues holding events back) is empty twice in
   * a row — a message between two stages (consumed, its follow-up not yet queued) is not missed — or
   * gives up after `limitSeconds`. The readings are half a second apart and the bench's RabbitMQ counts
   * its queues every 250 ms (CLINIC_RABBITMQ_STATS_INTERVAL_MS), so the two see two different counts.
   */
  async function drain(ignoredQueues: ReadonlySet<string> = new Set(), limitSeconds = 180) {
    const started = performance.now();
    let quietReadings = 0;
    while (performance.now() - started < limitSeconds * 1000) {
      const left = await read(ignoredQueues);
      quietReadings = left.queued + left.unpublished + left.emailsDue === 0 ? quietReadings + 1 : 0;
      if (quietReadings === 2) return { seconds: (performance.now() - started) / 1000, drained: true };
      await sleep(500);
    }
    log(`the backlog was not drained within ${limitSeconds} s: ${JSON.stringify(await read(ignoredQueues))}`);
    return { seconds: (performance.now() - started) / 1000, drained: false };
  }

  return { read, drain, close: () => pool.end() };
}

export type BacklogReader = ReturnType<typeof backlogReader>;

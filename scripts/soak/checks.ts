// What the soak checks once its traffic is over: the backlog drained, the acknowledged bookings held
// against appointment-service's database (lost, doubled), the emails against notification-service's
// table and Mailpit, and each service process's memory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { metricsPort } from '../../devstack/src/profile.ts';
import type { Acknowledged } from './traffic.ts';

export interface Databases {
  appointments: pg.Pool;
  notifications: pg.Pool;
}

const count = async (pool: pg.Pool, sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);

/** What is left to do: messages queued, events not published or not handled by notification-service, emails due. */
export async function backlog(databases: Databases, rabbit: { managementUrl: string; authorization: string }) {
  const response = await fetch(`${rabbit.managementUrl}/api/queues/%2F?columns=name,messages`, {
    headers: { authorization: rabbit.authorization },
    signal: AbortSignal.timeout(10_000),
  });
  const queues = (await response.json()) as Array<{ name: string; messages?: number }>;
  // Dead letters stay for people to look at: counted apart, never drained.
  const queued = queues.filter((q) => !q.name.includes('dead-letter')).reduce((sum, q) => sum + (q.messages ?? 0), 0);
  const deadLetters = queues.filter((q) => q.name.includes('dead-letter')).reduce((sum, q) => sum + (q.messages ?? 0), 0);
  const [unpublished, unprocessed, emailsDue] = await Promise.all([
    count(databases.appointments, 'SELECT count(*) AS n FROM appointment_events WHERE published_at IS NULL'),
    count(databases.appointments, `SELECT count(*) AS n FROM appointment_events WHERE NOT is_processed`),
    count(databases.notifications, `SELECT count(*) AS n FROM notifications WHERE status IN ('PENDING', 'RETRYING')`),
  ]);
  return { queued, unpublished, unprocessed, emailsDue, deadLetters };
}

/** Waits until the backlog is empty twice in a row (a message between two stages is not missed), or `limitSeconds`. */
export async function drain(read: () => Promise<Awaited<ReturnType<typeof backlog>>>, limitSeconds: number, log: (line: string) => void) {
  const started = Date.now();
  let quiet = 0;
  let left: Awaited<ReturnType<typeof backlog>> | undefined;
  while (Date.now() - started < limitSeconds * 1000) {
    left = await read().catch(() => undefined);
    quiet = left && left.queued + left.unpublished + left.unprocessed + left.emailsDue === 0 ? quiet + 1 : 0;
    if (quiet === 2) return { drained: true, seconds: Math.round((Date.now() - started) / 1000), left };
    await sleep(1_000);
  }
  log(`not drained within ${limitSeconds} s: ${JSON.stringify(left)}`);
  return { drained: false, seconds: limitSeconds, left };
}

/**
 * Lost: acknowledged bookings missing from the database, or no longer active (or moved elsewhere) though
 * the client changed nothing it was not told of. Doubled: two active appointments of one doctor, or of
 * one patient, overlapping (the exclusion constraints' promise, checked from outside).
 */
export async function bookingVerdict(pool: pg.Pool, acknowledged: Map<string, Acknowledged>, doctorIds: string[]) {
  const { rows } = await pool.query<{ id: string; status: string; start: string }>(
    `SELECT id, status, start_time AS start FROM appointments WHERE id = ANY($1::uuid[])`,
    [[...acknowledged.keys()]],
  );
  const stored = new Map(rows.map((r) => [r.id, r]));
  const missing = [...acknowledged.keys()].filter((id) => !stored.has(id));
  const wrongState = [...acknowledged.values()].filter((a) => {
    const row = stored.get(a.id);
    if (!row || a.uncertain) return false;
    const active = row.status === 'PENDING' || row.status === 'CONFIRMED';
    if (a.state === 'CANCELLED') return active;
    return !active || new Date(row.start).getTime() !== new Date(a.start).getTime();
  });
  const overlaps = async (column: 'doctor_id' | 'patient_id') =>
    count(
      pool,
      `SELECT count(*) AS n FROM appointments a JOIN appointments b
         ON a.${column} = b.${column} AND a.id < b.id
        AND tstzrange(a.start_time, a.end_time) && tstzrange(b.start_time, b.end_time)
      WHERE a.status IN ('PENDING', 'CONFIRMED') AND b.status IN ('PENDING', 'CONFIRMED')
        AND a.doctor_id = ANY('{${doctorIds.join(',')}}'::uuid[])`,
    );
  return {
    acknowledged: acknowledged.size,
    lost: missing.length + wrongState.filter((a) => a.state === 'ACTIVE').length,
    missing: missing.length,
    activeButNotAsAcknowledged: wrongState.filter((a) => a.state === 'ACTIVE').map((a) => a.id),
    cancelledButActive: wrongState.filter((a) => a.state === 'CANCELLED').map((a) => a.id),
    uncertain: [...acknowledged.values()].filter((a) => a.uncertain).length,
    doubled: (await overlaps('doctor_id')) + (await overlaps('patient_id')),
  };
}

/**
 * Every email notification-service recorded, against what reached the relay: each email's Message-ID is
 * `<notification id@host>`, so Mailpit's messages are counted per notification. Missing: SENT but never
 * arrived; repeated: arrived more than once; also the notifications left unsent and the appointment
 * events (created, moved, cancelled) no notification was made for.
 */
export async function emailVerdict(databases: Databases, mailUrl: string) {
  const arrived = new Map<string, number>();
  for (let start = 0; ; start += 1000) {
    const response = await fetch(`${mailUrl}/api/v1/messages?start=${start}&limit=1000`, { signal: AbortSignal.timeout(30_000) });
    const page = (await response.json()) as { total: number; messages: Array<{ MessageID: string }> };
    for (const m of page.messages) {
      const id = m.MessageID.replace(/^<|@.*$/g, '');
      arrived.set(id, (arrived.get(id) ?? 0) + 1);
    }
    if (page.messages.length === 0 || start + page.messages.length >= page.total) break;
  }
  const { rows } = await databases.notifications.query<{ id: string; status: string; event_id: string | null }>(
    'SELECT id, status, event_id FROM notifications',
  );
  const events = await databases.appointments.query<{ id: string }>(
    `SELECT id FROM appointment_events WHERE type IN ('CREATED', 'UPDATED', 'CANCELLED')`,
  );
  const notified = new Set(rows.map((r) => r.event_id));
  const byStatus: Record<string, number> = {};
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return {
    notifications: rows.length,
    byStatus,
    mailsArrived: [...arrived.values()].reduce((sum, n) => sum + n, 0),
    missing: rows.filter((r) => r.status === 'SENT' && !arrived.has(r.id)).length,
    repeated: rows.filter((r) => (arrived.get(r.id) ?? 0) > 1).length,
    // NOT_SENT is a decision (nothing to send, e.g. a PDF's record), not a failure.
    notSent: rows.filter((r) => r.status !== 'SENT' && r.status !== 'NOT_SENT').length,
    eventsWithoutNotification: events.rows.filter((e) => !notified.has(e.id)).length,
  };
}

/**
 * Each service process's resident memory in MB: from its own metrics (process_resident_memory_bytes on
 * its metrics port), or, where no metrics listener answers, from /proc by its pid; the source is named.
 */
export async function memory(services: Record<string, string>, stateDir: string) {
  const readings: Record<string, { mb: number; source: 'metrics' | '/proc' }> = {};
  for (const [name, url] of Object.entries(services)) {
    const port = metricsPort(Number(new URL(url).port));
    const text = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(3_000) })
      .then((response) => (response.ok ? response.text() : undefined))
      .catch(() => undefined);
    const fromMetrics = text && /^process_resident_memory_bytes(?:\{[^}]*\})? (\S+)/m.exec(text)?.[1];
    if (fromMetrics) {
      readings[name] = { mb: Math.round(Number(fromMetrics) / 2 ** 20), source: 'metrics' };
      continue;
    }
    try {
      const { pid } = JSON.parse(readFileSync(join(stateDir, 'run', `${name}.pid`), 'utf8')) as { pid: number };
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
      readings[name] = { mb: Math.round(kb / 1024), source: '/proc' };
    } catch {
      // not running at this moment: no figure
    }
  }
  return readings;
}

import { currentTraceparent, isoTimestamp, selectPage, type PageOf, type PageRequest, type Queryable } from '@clinic/service-kit';
import type { Language, Notification, NotificationType } from '@clinic/contracts';
import type { CalendarMethod } from '../calendar/index.ts';

/** A notification to record: rendered in full before it is claimed, so any replica can send it later. */
export interface NewNotification {
  id: string;
  sourceKey: string;
  eventId: string | null;
  appointmentId: string | null;
  type: NotificationType;
  recipientId: string;
  recipientEmail: string;
  language: Language;
  subject: string;
  body: string;
  bodyHtml: string;
  ics: string | null;
  icsMethod: CalendarMethod | null;
  /** PENDING (to send) unless given: NOT_SENT records a notification that is never emailed. */
  status?: 'NOT_SENT';
}

/** A notification taken for sending, with everything the email needs. */
export interface OutgoingNotification {
  id: string;
  /** What it is about (REMINDER_DUE, DAILY_AGENDA, CREATED…): the metrics count reminders apart. */
  type: string;
  recipient_email: string;
  subject: string;
  body: string;
  body_html: string;
  ics: string | null;
  ics_method: CalendarMethod | null;
  attempts: number;
  /** The trace of the work that claimed it (an event's handling), which its sending continues. */
  traceparent: string | null;
}

const listColumns = `id, type, channel, recipient_id, recipient_email, appointment_id, event_id, language, subject, body, status, attempts,
  last_error, ${isoTimestamp('sent_at')} AS sent_at, ${isoTimestamp('created_at')} AS created_at`;

/** Newest first; `column` is one of this module's, never a request's. */
const pageWhere = (db: Queryable, column: 'recipient_id' | 'appointment_id', value: string, page: PageRequest) =>
  selectPage<Notification>(db, `SELECT ${listColumns} FROM notifications WHERE ${column} = $1`, [value], 'created_at DESC, id', page);

const CLAIM_COLUMNS = [
  'id',
  'source_key',
  'event_id',
  'appointment_id',
  'type',
  'recipient_id',
  'recipient_email',
  'language',
  'subject',
  'body',
  'body_html',
  'ics',
  'ics_method',
  'status',
  'traceparent',
] as const;
/** Notifications claimed by one statement: 15 parameters each. */
const CLAIM_CHUNK = 1_000;

/**
 * Inserts the rows that are not claimed yet (one per source, recipient and channel), with the trace
 * context of the work that claims them; answers how many were.
 */
async function claimRows(db: Queryable, notifications: NewNotification[]): Promise<number> {
  const width = CLAIM_COLUMNS.length;
  const traceparent = currentTraceparent();
  const rows = notifications.map((_, row) => `(${CLAIM_COLUMNS.map((_, column) => `$${row * width + column + 1}`).join(', ')})`);
  const { rowCount } = await db.query(
    `INSERT INTO notifications (${CLAIM_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}
     ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING`,
    notifications.flatMap((n) => [
      n.id,
      n.sourceKey,
      n.eventId,
      n.appointmentId,
      n.type,
      n.recipientId,
      n.recipientEmail,
      n.language,
      n.subject,
      n.body,
      n.bodyHtml,
      n.ics,
      n.icsMethod,
      n.status ?? 'PENDING',
      traceparent,
    ]),
  );
  return rowCount ?? 0;
}

export const notificationsRepository = {
  /** Every notification to the recipient, newest first. */
  async allForRecipient(db: Queryable, recipientId: string): Promise<Notification[]> {
    const { rows } = await db.query<Notification>(
      `SELECT ${listColumns} FROM notifications WHERE recipient_id = $1 ORDER BY created_at DESC, id`,
      [recipientId],
    );
    return rows;
  },

  /** Every notification about the appointment, oldest first (its timeline). */
  async allForAppointment(db: Queryable, appointmentId: string): Promise<Notification[]> {
    const { rows } = await db.query<Notification>(
      `SELECT ${listColumns} FROM notifications WHERE appointment_id = $1 ORDER BY created_at, id`,
      [appointmentId],
    );
    return rows;
  },

  /**
   * Claims the notifications (status PENDING, or NOT_SENT for one never emailed) before anything is sent; one already claimed for the same
   * source, recipient and channel is left as it is. Answers how many were new.
   */
  async claim(db: Queryable, notifications: NewNotification[]): Promise<number> {
    let inserted = 0;
    // One statement for an event's notifications; a long list (a night's agendas) in chunks, since a
    // statement takes at most 65,535 parameters.
    for (let from = 0; from < notifications.length; from += CLAIM_CHUNK) {
      inserted += await claimRows(db, notifications.slice(from, from + CLAIM_CHUNK));
    }
    return inserted;
  },

  /**
   * Takes up to `limit` notifications due for an attempt and leases them to the caller for `leaseMs`:
   * replicas skip each other's rows (SKIP LOCKED, then the lease), and a lease left by a dead replica
   * runs out so another one takes the notification over.
   */
  async takeDue(db: Queryable, limit: number, leaseMs: number): Promise<OutgoingNotification[]> {
    const { rows } = await db.query<OutgoingNotification>(
      `UPDATE notifications SET lease_until = now() + make_interval(secs => $2::double precision / 1000),
         attempts = attempts + 1, updated_at = now()
       WHERE id IN (
         SELECT id FROM notifications
         WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, type, recipient_email, subject, body, body_html, ics, ics_method, attempts, traceparent`,
      [limit, leaseMs],
    );
    return rows;
  },

  /** Notifications waiting to be emailed: PENDING, or RETRYING after a failed attempt. */
  async backlog(db: Queryable): Promise<number> {
    const { rows } = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM notifications WHERE status IN ('PENDING', 'RETRYING')`,
    );
    return rows[0]!.count;
  },

  /** The relay accepted these notifications: SENT, in one statement (and one commit) for a leased batch. */
  async markSent(db: Queryable, ids: string[]): Promise<void> {
    await db.query(
      `UPDATE notifications SET status = 'SENT', sent_at = now(), lease_until = NULL, last_error = NULL, updated_at = now()
       WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  },

  /** A failed attempt: another one after `retryInMs`, or FAILED when `retryInMs` is undefined (the budget is spent). */
  async markAttemptFailed(db: Queryable, id: string, error: string, retryInMs: number | undefined): Promise<void> {
    await db.query(
      `UPDATE notifications SET status = CASE WHEN $3::double precision IS NULL THEN 'FAILED' ELSE 'RETRYING' END,
         next_attempt_at = now() + make_interval(secs => coalesce($3::double precision, 0) / 1000),
         last_error = $2, lease_until = NULL, updated_at = now()
       WHERE id = $1`,
      [id, error.slice(0, 1_000), retryInMs ?? null],
    );
  },

  async findById(db: Queryable, id: string): Promise<Notification | undefined> {
    const { rows } = await db.query<Notification>(`SELECT ${listColumns} FROM notifications WHERE id = $1`, [id]);
    return rows[0];
  },

  forRecipient: (db: Queryable, userId: string, page: PageRequest): Promise<PageOf<Notification>> =>
    pageWhere(db, 'recipient_id', userId, page),
  forAppointment: (db: Queryable, appointmentId: string, page: PageRequest): Promise<PageOf<Notification>> =>
    pageWhere(db, 'appointment_id', appointmentId, page),
};

export const participantsRepository = {
  async find(db: Queryable, appointmentId: string): Promise<{ patient_id: string; doctor_user_id: string } | undefined> {
    const { rows } = await db.query<{ patient_id: string; doctor_user_id: string }>(
      `SELECT patient_id, doctor_user_id FROM appointment_participants WHERE appointment_id = $1`,
      [appointmentId],
    );
    return rows[0];
  },
};

import {
  inSpan,
  inTrace,
  recordedRequestContext,
  redactEmails,
  SpanKind,
  startPeriodic,
  withRequestContext,
  type Logger,
  type Pool,
} from '@clinic/service-kit';
import { notificationsRepository as notifications, type OutgoingNotification } from '../notifications/index.ts';
import type { Mailer } from './mailer.ts';
import { countEmail } from './metrics.ts';
import { isPermanentFailure, nextRetryDelay, type RetryPolicy } from './retry-policy.ts';

/** Notifications one replica takes at a time. */
const BATCH = 10;

/**
 * Every replica sends what is due: it leases a few notifications, sends each, and records RETRYING
 * with a growing delay, or FAILED once the retry budget is spent (or at once when the relay refuses
 * for good, e.g. an unknown recipient). The ones the relay accepted are recorded SENT together, in one
 * statement and one commit, when the batch is through, or before the batch records a failure: a relay
 * in trouble may hold the next attempts up, and what it accepted is recorded first, well within the
 * lease. A replica that dies mid-batch leaves its lease to run out; another replica then sends what was
 * not recorded SENT, under the same Message-ID, so a receiving system can tell a message sent again.
 * Each email is sent in the trace of the work that claimed it (a booking's, from its event), as a span
 * of its own, and its log lines carry that trace's id.
 */
export function startDispatcher({ pool, mailer, policy, leaseMs, intervalMs, logger }: DispatcherDeps) {
  const { recordAccepted, recordFailure } = deliveryRecords(pool, policy, logger);
  return startPeriodic(
    'send-notifications',
    intervalMs,
    async () => {
      const due = await notifications.takeDue(pool, BATCH, leaseMs);
      const accepted: OutgoingNotification[] = [];
      try {
        for (const notification of due) {
          try {
            await inContextOf(notification, () => sendCounted(mailer, notification));
            accepted.push(notification);
          } catch (error) {
            await recordAccepted(accepted.splice(0));
            await inContextOf(notification, () => recordFailure(notification, error));
          }
        }
      } finally {
        await recordAccepted(accepted.splice(0));
      }
      // A full batch: more may be waiting, go on at once.
      return due.length === BATCH;
    },
    logger,
  );
}

interface DispatcherDeps {
  pool: Pool;
  mailer: Mailer;
  policy: RetryPolicy;
  leaseMs: number;
  intervalMs: number;
  logger: Logger;
}

/** Sends one notification and counts it, sent or failed; a failure is thrown on. */
async function sendCounted(mailer: Mailer, notification: OutgoingNotification): Promise<void> {
  try {
    await sendTraced(mailer, notification);
  } catch (error) {
    countEmail(notification, 'failed');
    throw error;
  }
  countEmail(notification, 'sent');
}

/** How the outcome of sending is recorded: accepted notifications SENT together, a failure on its own. */
function deliveryRecords(pool: Pool, policy: RetryPolicy, logger: Logger) {
  return {
    recordAccepted: async (accepted: OutgoingNotification[]): Promise<void> => {
      if (accepted.length === 0) return;
      await notifications.markSent(
        pool,
        accepted.map(({ id }) => id),
      );
      for (const notification of accepted) {
        inContextOf(notification, () =>
          logger.info({ notificationId: notification.id, attempts: notification.attempts }, 'notification sent'),
        );
      }
    },
    recordFailure: async (notification: OutgoingNotification, error: unknown): Promise<void> => {
      const retryInMs = isPermanentFailure(error) ? undefined : nextRetryDelay(notification.attempts, policy);
      const message = error instanceof Error ? error.message : String(error);
      await notifications.markAttemptFailed(pool, notification.id, message, retryInMs);
      logger.warn(
        // A mail server's refusal names the recipient: the address stays out of the log.
        { notificationId: notification.id, attempts: notification.attempts, retryInMs, error: redactEmails(message) },
        retryInMs === undefined ? 'notification failed for good' : 'notification not sent; will retry',
      );
    },
  };
}

/** Runs `work` in the trace of the work that claimed `notification`, its log lines under that trace's id. */
const inContextOf = <T>(notification: OutgoingNotification, work: () => T) =>
  withRequestContext(recordedRequestContext(null, notification.traceparent), work);

/** One email handed to the SMTP relay, as a CLIENT span of the notification's trace (none outside a trace). */
const sendTraced = (mailer: Mailer, notification: OutgoingNotification) =>
  !inTrace()
    ? mailer.send(notification)
    : inSpan('smtp send', { kind: SpanKind.CLIENT, attributes: { 'clinic.notification_id': notification.id } }, () =>
        mailer.send(notification),
      );

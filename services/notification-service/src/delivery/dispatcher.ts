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
 * Every replica sends what is due: it leases a few notifications, sends each, and records SENT, or
 * RETRYING with a growing delay, or FAILED once the retry budget is spent (or at once when the relay
 * refuses for good, e.g. an unknown recipient). A replica that dies mid-send
 * leaves its lease to run out; another replica then sends the notification. Each email is sent in the
 * trace of the work that claimed it (a booking's, from its event), as a span of its own, and its log
 * lines carry that trace's id.
 */
export function startDispatcher({
  pool,
  mailer,
  policy,
  leaseMs,
  intervalMs,
  logger,
}: {
  pool: Pool;
  mailer: Mailer;
  policy: RetryPolicy;
  leaseMs: number;
  intervalMs: number;
  logger: Logger;
}) {
  return startPeriodic(
    'send-notifications',
    intervalMs,
    async () => {
      const due = await notifications.takeDue(pool, BATCH, leaseMs);
      for (const notification of due) {
        await withRequestContext(recordedRequestContext(null, notification.traceparent), async () => {
          let sent = false;
          try {
            await sendTraced(mailer, notification);
            sent = true;
            countEmail(notification, 'sent');
            await notifications.markSent(pool, notification.id);
            logger.info({ notificationId: notification.id, attempts: notification.attempts }, 'notification sent');
          } catch (error) {
            if (!sent) countEmail(notification, 'failed');
            const retryInMs = isPermanentFailure(error) ? undefined : nextRetryDelay(notification.attempts, policy);
            const message = error instanceof Error ? error.message : String(error);
            await notifications.markAttemptFailed(pool, notification.id, message, retryInMs);
            logger.warn(
              // A mail server's refusal names the recipient: the address stays out of the log.
              { notificationId: notification.id, attempts: notification.attempts, retryInMs, error: redactEmails(message) },
              retryInMs === undefined ? 'notification failed for good' : 'notification not sent; will retry',
            );
          }
        });
      }
      // A full batch: more may be waiting, go on at once.
      return due.length === BATCH;
    },
    logger,
  );
}

/** One email handed to the SMTP relay, as a CLIENT span of the notification's trace (none outside a trace). */
const sendTraced = (mailer: Mailer, notification: OutgoingNotification) =>
  !inTrace()
    ? mailer.send(notification)
    : inSpan('smtp send', { kind: SpanKind.CLIENT, attributes: { 'clinic.notification_id': notification.id } }, () =>
        mailer.send(notification),
      );

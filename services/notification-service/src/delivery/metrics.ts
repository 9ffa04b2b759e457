import { counter, gaugeAtScrape, type Pool } from '@clinic/service-kit';
import { notificationsRepository as notifications, type OutgoingNotification } from '../notifications/index.ts';

const emails = counter({
  name: 'clinic_emails_total',
  help: 'Emails handed to the mail relay (sent) and attempts it did not take (failed; retried until the budget is spent)',
  labelNames: ['result'],
});

const remindersSent = counter({
  name: 'clinic_reminders_sent_total',
  help: 'Emails of the reminder run sent: patients’ reminders of the next day and doctors’ agendas',
});

/** The notification types the reminder run makes. */
const REMINDER_TYPES = new Set(['REMINDER_DUE', 'DAILY_AGENDA']);

/** One attempt to email `notification` done: sent or failed. */
export function countEmail(notification: OutgoingNotification, result: 'sent' | 'failed'): void {
  emails.inc({ result });
  if (result === 'sent' && REMINDER_TYPES.has(notification.type)) remindersSent.inc();
}

/** `clinic_notification_backlog`: notifications waiting to be emailed, read at each scrape. */
export function observeBacklog(pool: Pool): void {
  gaugeAtScrape({ name: 'clinic_notification_backlog', help: 'Notifications waiting to be emailed (PENDING or RETRYING)' }, async (gauge) =>
    gauge.set(await notifications.backlog(pool)),
  );
}

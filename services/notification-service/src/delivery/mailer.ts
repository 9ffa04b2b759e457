import { createTransport } from 'nodemailer';
import type { OutgoingNotification } from '../notifications/index.ts';

export interface MailerOptions {
  smtpUrl: string;
  from: string;
  /** The host part of every Message-ID (the clinic's public host). */
  messageIdHost: string;
}

/** Sends one notification through the SMTP relay; resolves once the relay accepted it. */
export function smtpMailer({ smtpUrl, from, messageIdHost }: MailerOptions) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transport = createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    // Connections kept open and reused: opening one (TCP, greeting, EHLO) cost more than sending a
    // message on it. The dispatcher sends one message at a time, so two are plenty.
    pool: true,
    maxConnections: 2,
    // A relay that is away must fail the attempt quickly: the dispatcher retries with backoff.
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 15_000,
  });
  return {
    async send(notification: OutgoingNotification): Promise<void> {
      await transport.sendMail({
        from,
        to: notification.recipient_email,
        subject: notification.subject,
        text: notification.body,
        html: notification.body_html,
        // The same id on every attempt: a receiving system can recognise a message sent again after
        // a replica died between the relay's acceptance and recording it.
        messageId: `<${notification.id}@${messageIdHost}>`,
        headers: { 'X-Clinic-Notification-Id': notification.id },
        ...(notification.ics
          ? {
              icalEvent: {
                method: (notification.ics_method ?? 'REQUEST').toLowerCase(),
                filename: 'invite.ics',
                content: notification.ics,
              },
            }
          : {}),
      });
    },
    close: () => transport.close(),
  };
}

export type Mailer = Pick<ReturnType<typeof smtpMailer>, 'send'>;

import { callService, type Logger } from '@clinic/service-kit';
import type { AppointmentNotifications, Notification } from '@clinic/contracts';

/** notification-service as an appointment's timeline sees it: the emails sent about the appointment, with their delivery. */
export function sentEmails(notificationServiceUrl: string, serviceToken: () => Promise<string>, logger: Logger) {
  return {
    /** Every notification about the appointment, oldest first; undefined when notification-service does not answer. */
    async about(appointmentId: string): Promise<Notification[] | undefined> {
      try {
        const answer = await callService<AppointmentNotifications>(
          `${notificationServiceUrl}/internal/appointments/${appointmentId}/notifications`,
          { token: await serviceToken() },
        );
        if (answer.status === 200) return answer.body.notifications;
        logger.warn({ appointmentId, status: answer.status }, 'the appointment’s emails not known: notification-service refused');
      } catch (error) {
        // The timeline still tells the rest of the story; it says the emails are not known.
        logger.warn({ err: error, appointmentId }, 'the appointment’s emails not known: notification-service did not answer');
      }
      return undefined;
    },
  };
}

export type SentEmails = ReturnType<typeof sentEmails>;

import { hasRole, notFound, type PageRequest, type Principal } from '@clinic/service-kit';
import type { SendNotificationRequest } from '@clinic/contracts';
import { sendManualMessage, type ManualMessageDeps } from './manual-message.ts';
import { notificationsRepository as notifications, participantsRepository as participants } from './repository.ts';

/** Someone else's list answers 404, like a missing one. */
function requireSelfOrAdmin(principal: Principal, userId: string) {
  if (principal.id !== userId && !hasRole(principal, 'ADMIN')) throw notFound('User');
}

/** The notifications as the HTTP routes read them, and an admin's message sent. */
export function notificationUseCases(deps: ManualMessageDeps) {
  const { pool } = deps;
  return {
    /** An admin's message to one user, recorded and sent like every other notification. */
    sendManual: (request: SendNotificationRequest) => sendManualMessage(deps, request),

    mine: (principal: Principal, page: PageRequest) => notifications.forRecipient(pool, principal.id, page),

    /** Every notification to the user, newest first (their export, through user-service). */
    allFor: (userId: string) => notifications.allForRecipient(pool, userId),

    /** Every notification about the appointment, oldest first (its timeline, through appointment-service). */
    allAbout: (appointmentId: string) => notifications.allForAppointment(pool, appointmentId),

    async forUser(principal: Principal, userId: string, page: PageRequest) {
      requireSelfOrAdmin(principal, userId);
      return notifications.forRecipient(pool, userId, page);
    },

    /** An appointment's notifications: for its patient, its doctor and admins; anyone else gets 404. */
    async forAppointment(principal: Principal, appointmentId: string, page: PageRequest) {
      if (!hasRole(principal, 'ADMIN')) {
        const parties = await participants.find(pool, appointmentId);
        if (!parties || (parties.patient_id !== principal.id && parties.doctor_user_id !== principal.id)) throw notFound('Appointment');
      }
      return notifications.forAppointment(pool, appointmentId, page);
    },
  };
}

export type NotificationUseCases = ReturnType<typeof notificationUseCases>;

import { randomUUID } from 'node:crypto';
import { AppError, hasRole, notFound, type Logger, type PageRequest, type Pool, type Principal } from '@clinic/service-kit';
import type {
  AppointmentEvent,
  AppointmentServiceEvent,
  Notification,
  SendNotificationRequest,
  WaitlistOfferEvent,
} from '@clinic/contracts';
import {
  eventNotification,
  historyAround,
  isNotified,
  recipientFor,
  recipientsOf,
  takesPart,
  waitlistOfferNotification,
  type EventContext,
} from './event-notifications.ts';
import { deletedRecipientsRepository as deletedRecipients } from './deleted-recipients.ts';
import { renderMessage, type ClinicInfo } from './messages.ts';
import {
  notificationsRepository as notifications,
  participantsRepository as participants,
  type NewNotification,
} from './notifications-repository.ts';
import type { PlatformDirectory } from './platform-directory.ts';

export interface NotificationDeps {
  pool: Pool;
  directory: PlatformDirectory;
  clinic: ClinicInfo;
  organizerEmail: string;
  /** Called when notifications were claimed, so they are sent at once. */
  onClaimed: () => void;
  /** appointment-service's patient cut-off: the reminders say until when a patient may cancel online. */
  patientChangeCutoffHours: number;
  logger: Logger;
}

const ACTIVE = new Set(['PENDING', 'CONFIRMED']);

export function notificationUseCases({
  pool,
  directory,
  clinic,
  organizerEmail,
  onClaimed,
  patientChangeCutoffHours,
  logger,
}: NotificationDeps) {
  /** The notifications an event gives that are not claimed yet, rendered for their recipients. */
  async function newNotifications(event: AppointmentEvent): Promise<NewNotification[]> {
    if (!isNotified(event)) return [];
    const a = event.appointment;
    // A PDF or a reminder of an appointment cancelled meanwhile is no longer news.
    if ((event.type === 'PDF_GENERATED' || event.type === 'REMINDER_DUE') && !ACTIVE.has(a.status)) return [];
    const claimed = await notifications.claimedRecipients(pool, event.id);
    // A deleted user is written to no more (their appointments' cancellations reach only their doctors).
    const deleted = await deletedRecipients.among(pool, [a.patient_id, a.doctor_user_id]);
    const recipientOf = (audience: string) => (audience === 'PATIENT' ? a.patient_id : a.doctor_user_id);
    // The cancellations of a deletion reach the doctors only, even before notification-service hears of the deletion.
    if (event.type === 'CANCELLED' && event.reasonCode === 'PATIENT_ACCOUNT_DELETED') deleted.add(a.patient_id);
    const audiences = recipientsOf(event.type).filter(
      (audience) => !claimed.has(recipientOf(audience)) && !deleted.has(recipientOf(audience)),
    );
    if (audiences.length === 0) return [];

    const context: EventContext = { clinic, organizerEmail, patientChangeCutoffHours };
    if (event.type === 'UPDATED' || event.type === 'CANCELLED') {
      context.history = historyAround(await directory.appointmentEvents(a.id), event.id);
    }
    if (event.type === 'PDF_GENERATED') {
      const link = await directory.pdfDownloadLink(a.id);
      if (!link) return [];
      context.pdf = { url: new URL(link.path, clinic.publicUrl).toString(), expiresAt: link.expires_at };
    }
    const contacts = await Promise.all(
      audiences.map((audience) => directory.contact(audience === 'PATIENT' ? a.patient_id : a.doctor_user_id)),
    );
    return audiences.flatMap((audience, i) => eventNotification(event, recipientFor(audience, a, contacts[i]), context) ?? []);
  }

  /** The email of a waitlist offer to its patient, unless claimed already (or user-service no longer knows them). */
  async function offerNotifications(event: WaitlistOfferEvent): Promise<NewNotification[]> {
    if ((await notifications.claimedRecipients(pool, event.id)).has(event.offer.patient_id)) return [];
    if ((await deletedRecipients.among(pool, [event.offer.patient_id])).size > 0) return [];
    const contact = await directory.contact(event.offer.patient_id);
    return contact ? [waitlistOfferNotification(event, contact, clinic)] : [];
  }

  /**
   * Handles one event of appointment-service, from the broker or the catch-up alike: claims its
   * notifications (a redelivered event finds them claimed and adds nothing), then marks the event
   * processed in appointment-service. The dispatcher sends what was claimed.
   */
  async function handleEvent(event: AppointmentServiceEvent): Promise<number> {
    if (event.type === 'WAITLIST_OFFER') {
      const claimed = await notifications.claim(pool, await offerNotifications(event));
      if (claimed > 0) onClaimed();
      await directory.markProcessed(event.id);
      logger.info({ eventId: event.id, type: event.type, holdId: event.offer.hold_id, claimed }, 'waitlist offer handled');
      return claimed;
    }
    const a = event.appointment;
    await participants.remember(pool, a.id, a.patient_id, a.doctor_user_id);
    const claimed = await notifications.claim(pool, await newNotifications(event));
    if (claimed > 0) onClaimed();
    await directory.markProcessed(event.id);
    logger.info({ eventId: event.id, type: event.type, appointmentId: a.id, claimed }, 'appointment event handled');
    return claimed;
  }

  /** Someone else's list answers 404, like a missing one. */
  function requireSelfOrAdmin(principal: Principal, userId: string) {
    if (principal.id !== userId && !hasRole(principal, 'ADMIN')) throw notFound('User');
  }

  return {
    handleEvent,

    /** Unprocessed events the broker did not bring (an outage between commit and relay, a lost message). */
    async catchUp(olderThanSeconds: number): Promise<number> {
      let handled = 0;
      for (const stored of await directory.pendingEvents(olderThanSeconds, 100)) {
        try {
          await handleEvent(stored.payload);
          handled += 1;
        } catch (error) {
          logger.warn({ err: error, eventId: stored.id }, 'caught-up event not handled; next catch-up retries');
        }
      }
      if (handled > 0) logger.info({ handled }, 'missed events caught up');
      return handled;
    },

    /** An admin's message to one user, recorded and sent like every other notification. */
    async sendManual(request: SendNotificationRequest): Promise<Notification> {
      const contact = await directory.contact(request.user_id);
      if (!contact) throw new AppError(404, 'USER_NOT_FOUND', 'No user with this id');
      if (request.appointment_id) {
        // The message is listed with the appointment, which its patient and doctor read: it must be theirs.
        const history = await directory.appointmentEvents(request.appointment_id);
        const appointment = history.find((event) => event.payload.appointment)?.payload.appointment;
        if (!appointment) throw new AppError(409, 'APPOINTMENT_NOT_FOUND', 'No appointment with this appointment_id');
        if (!takesPart(request.user_id, appointment)) {
          throw new AppError(
            409,
            'APPOINTMENT_OF_ANOTHER_USER',
            'This appointment is not the user’s: a message about it goes to its patient or its doctor',
          );
        }
      }
      const rendered = renderMessage(
        { type: 'MANUAL', recipientName: contact.full_name, subject: request.subject.trim(), message: request.message.trim() },
        contact.language,
        clinic,
      );
      const id = randomUUID();
      await notifications.claim(pool, [
        {
          id,
          sourceKey: `manual:${id}`,
          eventId: null,
          appointmentId: request.appointment_id ?? null,
          type: 'MANUAL',
          recipientId: contact.id,
          recipientEmail: contact.email,
          language: contact.language,
          subject: rendered.subject,
          body: rendered.text,
          bodyHtml: rendered.html,
          ics: null,
          icsMethod: null,
        },
      ]);
      onClaimed();
      return (await notifications.findById(pool, id))!;
    },

    mine: (principal: Principal, page: PageRequest) => notifications.forRecipient(pool, principal.id, page),

    /** Every notification to the user, newest first (their export, through user-service). */
    allFor: (userId: string) => notifications.allForRecipient(pool, userId),

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

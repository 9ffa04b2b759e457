import type { Logger, Pool } from '@clinic/service-kit';
import type { AppointmentEvent, AppointmentServiceEvent, WaitlistOfferEvent } from '@clinic/contracts';
import type { PlatformDirectory } from '../directory/index.ts';
import { recipientsOf, type ClinicInfo } from '../messages/index.ts';
import { notificationsRepository as notifications, type NewNotification } from '../notifications/index.ts';
import { deletedRecipientsRepository as deletedRecipients } from './deleted-recipients.ts';
import {
  eventNotification,
  historyAround,
  isNotified,
  recipientFor,
  waitlistOfferNotification,
  type EventContext,
} from './event-notifications.ts';

export interface EventHandlerDeps {
  pool: Pool;
  directory: PlatformDirectory;
  clinic: ClinicInfo;
  organizerEmail: string;
  /** Called when notifications were claimed, so they are sent at once. */
  onClaimed: () => void;
  /** appointment-service's patient cut-off: the reminders say until when a patient may cancel online. */
  patientChangeCutoffHours: number;
  /** APPOINTMENT_LINK_SECRET: signs the links in the patient's emails. */
  linkSecret: string;
  logger: Logger;
}

const ACTIVE = new Set(['PENDING', 'CONFIRMED']);

/** The notifications an event gives that are not claimed yet, rendered for their recipients. */
async function newNotifications(
  { pool, directory, clinic, organizerEmail, patientChangeCutoffHours, linkSecret }: EventHandlerDeps,
  event: AppointmentEvent,
): Promise<NewNotification[]> {
  const a = event.appointment;
  const participants = { appointmentId: a.id, patientId: a.patient_id, doctorUserId: a.doctor_user_id };
  const { claimed, deleted } = await deletedRecipients.standing(pool, event.id, [a.patient_id, a.doctor_user_id], participants);
  if (!isNotified(event)) return [];
  // A PDF or a reminder of an appointment cancelled meanwhile is no longer news (nor recorded).
  if ((event.type === 'PDF_GENERATED' || event.type === 'REMINDER_DUE') && !ACTIVE.has(a.status)) return [];
  const recipientOf = (audience: string) => (audience === 'PATIENT' ? a.patient_id : a.doctor_user_id);
  // A deleted user is written to no more (their appointments' cancellations reach only their doctors).
  // The cancellations of a deletion reach the doctors only, even before notification-service hears of the deletion.
  if (event.type === 'CANCELLED' && event.reasonCode === 'PATIENT_ACCOUNT_DELETED') deleted.add(a.patient_id);
  const audiences = recipientsOf(event.type).filter(
    (audience) => !claimed.has(recipientOf(audience)) && !deleted.has(recipientOf(audience)),
  );
  if (audiences.length === 0) return [];

  const context: EventContext = { clinic, organizerEmail, patientChangeCutoffHours, linkSecret };
  if (event.type === 'UPDATED' || event.type === 'CANCELLED') {
    context.history = historyAround(await directory.appointmentEvents(a.id), event.id);
  }
  const contacts = await Promise.all(audiences.map((audience) => directory.contact(recipientOf(audience))));
  return audiences.map((audience, i) => eventNotification(event, recipientFor(audience, a, contacts[i]), context));
}

/** The email of a waitlist offer to its patient, unless claimed already (or user-service no longer knows them). */
async function offerNotifications({ pool, directory, clinic }: EventHandlerDeps, event: WaitlistOfferEvent): Promise<NewNotification[]> {
  const patientId = event.offer.patient_id;
  const { claimed, deleted } = await deletedRecipients.standing(pool, event.id, [patientId]);
  if (claimed.has(patientId) || deleted.has(patientId)) return [];
  const contact = await directory.contact(patientId);
  return contact ? [waitlistOfferNotification(event, contact, clinic)] : [];
}

/** The events of appointment-service, as the broker brings them and as the catch-up finds them. */
export function appointmentEventHandler(deps: EventHandlerDeps) {
  const { pool, directory, onClaimed, logger } = deps;

  /**
   * Handles one event of appointment-service, from the broker or the catch-up alike: claims its
   * notifications (a redelivered event finds them claimed and adds nothing), then marks the event
   * processed in appointment-service. The dispatcher sends what was claimed.
   */
  async function handleEvent(event: AppointmentServiceEvent): Promise<number> {
    if (event.type === 'WAITLIST_OFFER') {
      const claimed = await notifications.claim(pool, await offerNotifications(deps, event));
      if (claimed > 0) onClaimed();
      directory.markProcessed(event.id);
      logger.info({ eventId: event.id, type: event.type, holdId: event.offer.hold_id, claimed }, 'waitlist offer handled');
      return claimed;
    }
    const a = event.appointment;
    const claimed = await notifications.claim(pool, await newNotifications(deps, event));
    if (claimed > 0) onClaimed();
    directory.markProcessed(event.id);
    logger.info({ eventId: event.id, type: event.type, appointmentId: a.id, claimed }, 'appointment event handled');
    return claimed;
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
  };
}

export type AppointmentEventHandler = ReturnType<typeof appointmentEventHandler>;

import { randomUUID } from 'node:crypto';
import { AppError, type Pool } from '@clinic/service-kit';
import type { Appointment, Notification, SendNotificationRequest } from '@clinic/contracts';
import type { PlatformDirectory } from '../directory/index.ts';
import { renderMessage, type ClinicInfo } from '../messages/index.ts';
import { notificationsRepository as notifications } from './repository.ts';

export interface ManualMessageDeps {
  pool: Pool;
  directory: PlatformDirectory;
  clinic: ClinicInfo;
  /** Called when notifications were claimed, so they are sent at once. */
  onClaimed: () => void;
}

/** Whether the user takes part in the appointment (its patient or its doctor): a message about it may go to them. */
export const takesPart = (userId: string, appointment: Pick<Appointment, 'patient_id' | 'doctor_user_id'>): boolean =>
  userId === appointment.patient_id || userId === appointment.doctor_user_id;

/** The message is listed with the appointment, which its patient and doctor read: it must be theirs. */
async function requireAppointmentOf(directory: PlatformDirectory, userId: string, appointmentId: string): Promise<void> {
  const history = await directory.appointmentEvents(appointmentId);
  const appointment = history.find((event) => event.payload.appointment)?.payload.appointment;
  if (!appointment) throw new AppError(409, 'APPOINTMENT_NOT_FOUND', 'No appointment with this appointment_id');
  if (!takesPart(userId, appointment)) {
    throw new AppError(
      409,
      'APPOINTMENT_OF_ANOTHER_USER',
      'This appointment is not the user’s: a message about it goes to its patient or its doctor',
    );
  }
}

/** An admin's message to one user, recorded and sent like every other notification. */
export async function sendManualMessage(
  { pool, directory, clinic, onClaimed }: ManualMessageDeps,
  request: SendNotificationRequest,
): Promise<Notification> {
  const contact = await directory.contact(request.user_id);
  if (!contact) throw new AppError(404, 'USER_NOT_FOUND', 'No user with this id');
  if (request.appointment_id) await requireAppointmentOf(directory, request.user_id, request.appointment_id);
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
}

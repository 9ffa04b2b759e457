import type { Appointment, CancellationReasonCode, WaitlistOffer } from '@clinic/contracts';

/** What every email says about the clinic, from configuration. */
export interface ClinicInfo {
  name: string;
  publicUrl: string;
  timeZone: string;
}

export type Audience = 'PATIENT' | 'DOCTOR';

/**
 * The signed links of a patient's appointment email (view, the PDF, and reschedule and cancel where the
 * rules allowed them as the email was written); none in the doctor's emails.
 */
export interface AppointmentLinks {
  view: string;
  pdf: string;
  reschedule?: string | undefined;
  cancel?: string | undefined;
}

/** What every email about an appointment may carry besides its kind's facts. */
interface AboutAppointment {
  audience: Audience;
  appointment: Appointment;
  links?: AppointmentLinks | undefined;
}

/** Everything one email is made from; the same facts give the same email (a retry renders nothing new). */
export type MessageInput =
  | ({ type: 'CREATED' | 'CONFIRMED' | 'EXPIRED' } & AboutAppointment)
  | ({
      type: 'REMINDER_DUE';
      /** Until when the patient may still cancel online; absent when that time had passed as the reminder was made. */
      cancelOnlineUntil?: string | undefined;
      /** When the reminder was made (its event's time): the appointment is today or tomorrow from then, in clinic time. */
      remindedAt: string;
    } & AboutAppointment)
  | ({ type: 'UPDATED'; previous: Appointment | undefined; reason?: string | undefined } & AboutAppointment)
  | ({
      type: 'CANCELLED';
      cancelledBy: 'PATIENT' | 'DOCTOR' | 'ADMIN' | undefined;
      reason?: string | undefined;
      /** When the platform cancelled it for a reason of its own, told in the recipient's words. */
      reasonCode?: CancellationReasonCode | undefined;
    } & AboutAppointment)
  | ({ type: 'PDF_GENERATED'; pdfUrl: string; linkExpiresAt: string } & AboutAppointment & { audience: 'PATIENT' })
  | { type: 'WAITLIST_OFFER'; recipientName: string; offer: WaitlistOffer }
  | { type: 'DAILY_AGENDA'; audience: 'DOCTOR'; doctorName: string; day: string; appointments: Appointment[] }
  | { type: 'MANUAL'; recipientName: string; subject: string; message: string };

/** The input of one kind of message. */
export type InputOf<T extends MessageInput['type']> = Extract<MessageInput, { type: T }>;

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

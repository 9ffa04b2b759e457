import type { Appointment, CancellationReasonCode, WaitlistOffer } from '@clinic/contracts';

/** What every email says about the clinic, from configuration. */
export interface ClinicInfo {
  name: string;
  publicUrl: string;
  timeZone: string;
}

export type Audience = 'PATIENT' | 'DOCTOR';

/** Everything one email is made from; the same facts give the same email (a retry renders nothing new). */
export type MessageInput =
  | { type: 'CREATED' | 'CONFIRMED' | 'EXPIRED'; audience: Audience; appointment: Appointment }
  | {
      type: 'REMINDER_DUE';
      audience: Audience;
      appointment: Appointment;
      /** Until when the patient may still cancel online; absent when that time had passed as the reminder was made. */
      cancelOnlineUntil?: string | undefined;
      /** When the reminder was made (its event's time): the appointment is today or tomorrow from then, in clinic time. */
      remindedAt: string;
    }
  | { type: 'UPDATED'; audience: Audience; appointment: Appointment; previous: Appointment | undefined; reason?: string | undefined }
  | {
      type: 'CANCELLED';
      audience: Audience;
      appointment: Appointment;
      cancelledBy: 'PATIENT' | 'DOCTOR' | 'ADMIN' | undefined;
      reason?: string | undefined;
      /** When the platform cancelled it for a reason of its own, told in the recipient's words. */
      reasonCode?: CancellationReasonCode | undefined;
    }
  | { type: 'PDF_GENERATED'; audience: 'PATIENT'; appointment: Appointment; pdfUrl: string; linkExpiresAt: string }
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

import type { Language } from '@clinic/contracts';
import { dayAndTime, type AppointmentWording, type Layout } from './layout.ts';
import type { ClinicInfo, InputOf } from './message-input.ts';

/** The reminder of tomorrow's appointment: what to bring, and how to cancel. */
export function reminderDueLayout(input: InputOf<'REMINDER_DUE'>, w: AppointmentWording): Layout {
  const { ro, language, clinic, when, greeting, details, signature } = w;
  return {
    subject: ro ? `Reamintire: programarea de mâine, ${when}` : `Reminder: your appointment tomorrow, ${when}`,
    greeting,
    paragraphs: [
      ro ? 'Vă reamintim programarea de mâine:' : 'A reminder of your appointment tomorrow:',
      ro
        ? 'Vă rugăm să aduceți actul de identitate, trimiterea medicală (dacă aveți una) și rezultatele analizelor anterioare și să veniți cu 10 minute mai devreme.'
        : 'Please bring your identity document, your referral (if you have one) and any earlier test results, and come 10 minutes early.',
      cancellationAdvice(input.cancelOnlineUntil, language, clinic),
    ],
    details,
    closing: signature,
  };
}

/**
 * How to cancel, as the reminder says it: online until the patient cut-off (then someone else can have
 * the time), or, once that has passed, by telling the clinic.
 */
function cancellationAdvice(cancelOnlineUntil: string | undefined, language: Language, clinic: ClinicInfo): string {
  const ro = language === 'ro';
  if (cancelOnlineUntil) {
    const until = dayAndTime(cancelOnlineUntil, language, clinic.timeZone);
    return ro
      ? `Dacă nu puteți ajunge, anulați programarea din cont până ${until}, ca altcineva să poată veni în locul dumneavoastră: ${clinic.publicUrl}`
      : `If you cannot come, please cancel the appointment in your account by ${until} so someone else can have the time: ${clinic.publicUrl}`;
  }
  return ro
    ? `Programarea este prea aproape pentru a mai fi anulată online. Dacă nu puteți ajunge, vă rugăm să anunțați clinica ${clinic.name}.`
    : `The appointment is too close to be cancelled online. If you cannot come, please tell ${clinic.name}.`;
}

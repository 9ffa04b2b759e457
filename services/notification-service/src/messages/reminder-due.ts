import type { Language } from '@clinic/contracts';
import { addDays, localDate } from '@clinic/scheduling';
import { dayAndTime, type AppointmentWording, type Layout } from './layout.ts';
import type { ClinicInfo, InputOf } from './message-input.ts';

/**
 * Which day the appointment is from the reminder's: today or tomorrow by the clinic's calendar (a
 * reminder made after midnight for a morning appointment is today's), or later (none is made so early).
 */
export function reminderDay(start: string, remindedAt: string, timeZone: string): 'TODAY' | 'TOMORROW' | 'LATER' {
  const day = localDate(new Date(start), timeZone);
  const reminded = localDate(new Date(remindedAt), timeZone);
  if (day <= reminded) return 'TODAY';
  return day === addDays(reminded, 1) ? 'TOMORROW' : 'LATER';
}

const wordings = {
  ro: {
    TODAY: { subject: 'Reamintire: programarea de astăzi', opening: 'Vă reamintim programarea de astăzi:' },
    TOMORROW: { subject: 'Reamintire: programarea de mâine', opening: 'Vă reamintim programarea de mâine:' },
    LATER: { subject: 'Reamintire: programarea dumneavoastră', opening: 'Vă reamintim programarea:' },
  },
  en: {
    TODAY: { subject: 'Reminder: your appointment today', opening: 'A reminder of your appointment today:' },
    TOMORROW: { subject: 'Reminder: your appointment tomorrow', opening: 'A reminder of your appointment tomorrow:' },
    LATER: { subject: 'Reminder: your appointment', opening: 'A reminder of your appointment:' },
  },
} as const;

/** The reminder of an appointment today or tomorrow: what to bring, and how to cancel. */
export function reminderDueLayout(input: InputOf<'REMINDER_DUE'>, w: AppointmentWording): Layout {
  const { ro, language, clinic, when, greeting, details, signature } = w;
  const wording = wordings[language][reminderDay(input.appointment.start_time, input.remindedAt, clinic.timeZone)];
  return {
    subject: `${wording.subject}, ${when}`,
    greeting,
    paragraphs: [
      wording.opening,
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

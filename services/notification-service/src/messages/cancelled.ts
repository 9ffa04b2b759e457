import type { CancellationReasonCode, Language } from '@clinic/contracts';
import type { AppointmentWording, Layout } from './layout.ts';
import type { Audience, InputOf } from './message-input.ts';

const CANCELLED_BY: Record<Language, Record<'PATIENT' | 'DOCTOR' | 'ADMIN', string>> = {
  ro: { PATIENT: 'pacient', DOCTOR: 'medic', ADMIN: 'administratorul clinicii' },
  en: { PATIENT: 'the patient', DOCTOR: 'the doctor', ADMIN: 'the clinic’s administrator' },
};

/** The platform's own cancellation reasons, as each audience is told them. */
const REASONS: Record<Language, Record<CancellationReasonCode, Record<Audience, string>>> = {
  ro: {
    PATIENT_ACCOUNT_DELETED: { PATIENT: 'contul dumneavoastră a fost șters', DOCTOR: 'contul pacientului a fost șters' },
  },
  en: {
    PATIENT_ACCOUNT_DELETED: { PATIENT: 'your account was deleted', DOCTOR: 'the patient’s account was deleted' },
  },
};

/** A cancellation: by whom, why, and that the time is free again. */
export function cancelledLayout(input: InputOf<'CANCELLED'>, w: AppointmentWording): Layout {
  const { ro, language, when, greeting, details, signature } = w;
  const by = input.cancelledBy ? CANCELLED_BY[language][input.cancelledBy] : ro ? 'clinică' : 'the clinic';
  const reason = input.reasonCode ? REASONS[language][input.reasonCode][input.audience] : input.reason;
  return {
    subject: ro ? `Programare anulată: ${when}` : `Appointment cancelled: ${when}`,
    greeting,
    paragraphs: [
      ro ? `Programarea a fost anulată de ${by}.` : `The appointment was cancelled by ${by}.`,
      ...(reason ? [ro ? `Motivul: ${reason}` : `Reason: ${reason}`] : []),
      ro ? `Intervalul ${when} este din nou liber.` : `The time ${when} is free again.`,
    ],
    details,
    closing: signature,
  };
}

import type { AppointmentWording, Layout } from './layout.ts';

/** The clinic confirmed the patient's appointment. */
export function confirmedLayout(w: AppointmentWording): Layout {
  const { ro, appointment: a, when, greeting, details, signature, manage } = w;
  return {
    subject: ro ? `Programare confirmată: ${a.doctor_name}, ${when}` : `Appointment confirmed: ${a.doctor_name}, ${when}`,
    greeting,
    paragraphs: [
      ro
        ? `Clinica a confirmat programarea dumneavoastră. Vă așteptăm!`
        : `The clinic confirmed your appointment. We look forward to seeing you!`,
    ],
    details,
    closing: [manage, ...signature],
  };
}

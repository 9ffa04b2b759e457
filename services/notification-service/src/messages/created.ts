import type { Layout, AppointmentWording } from './layout.ts';
import type { Audience } from './message-input.ts';

/** A booking: the patient's email (and whether the clinic made it for them), or the doctor's. */
export function createdLayout(audience: Audience, w: AppointmentWording): Layout {
  const { ro, appointment: a, when, greeting, details, signature, manage, clinic } = w;
  return audience === 'PATIENT'
    ? {
        subject: ro ? `Programare înregistrată: ${a.doctor_name}, ${when}` : `Appointment booked: ${a.doctor_name}, ${when}`,
        greeting,
        paragraphs: [
          // The front desk's bookings are confirmed at once: no confirmation email follows.
          a.status === 'CONFIRMED'
            ? ro
              ? `Programarea dumneavoastră la ${clinic.name} a fost înregistrată și confirmată. Invitația pentru calendar este atașată.`
              : `Your appointment at ${clinic.name} is booked and confirmed. The calendar invitation is attached.`
            : ro
              ? `Programarea dumneavoastră la ${clinic.name} a fost înregistrată. Invitația pentru calendar este atașată.`
              : `Your appointment at ${clinic.name} is booked. The calendar invitation is attached.`,
          // The front desk booked it: the patient did not ask online, and may wonder.
          ...(a.booked_by && a.booked_by !== a.patient_id
            ? [ro ? 'Programarea a fost făcută pentru dumneavoastră de clinică.' : 'The clinic made this booking for you.']
            : []),
        ],
        details,
        closing: [manage, ...signature],
      }
    : {
        subject: ro
          ? `Programare nouă în calendar: ${a.patient_name}, ${when}`
          : `New appointment in your calendar: ${a.patient_name}, ${when}`,
        greeting,
        paragraphs: [
          ro
            ? 'O programare nouă a fost adăugată în calendarul dumneavoastră. Invitația pentru calendar este atașată.'
            : 'A new appointment was added to your calendar. The calendar invitation is attached.',
        ],
        details,
        closing: signature,
      };
}

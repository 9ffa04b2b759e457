import type { AppointmentWording, Layout } from './layout.ts';

/** A request the clinic did not confirm before its time: it expired; the patient may book again. */
export function expiredLayout(w: AppointmentWording): Layout {
  const { ro, appointment: a, when, greeting, details, signature, clinic } = w;
  const again = `${clinic.publicUrl}/doctors/${a.doctor_id}`;
  return {
    subject: ro
      ? `Cererea de programare a expirat: ${a.doctor_name}, ${when}`
      : `Your appointment request expired: ${a.doctor_name}, ${when}`,
    greeting,
    paragraphs: [
      ro
        ? `Cererea dumneavoastră de programare la ${a.doctor_name} pentru ${when} nu a fost confirmată de clinică înainte de ora programării, așa că a expirat.`
        : `Your request for an appointment with ${a.doctor_name} at ${when} was not confirmed by the clinic before its time, so it has expired.`,
      ro
        ? 'Vă puteți programa din nou oricând, la un interval liber al medicului:'
        : 'You can book again at any time, at one of the doctor’s free times:',
    ],
    link: { label: ro ? 'Programați-vă din nou' : 'Book again', href: again },
    details,
    closing: signature,
  };
}

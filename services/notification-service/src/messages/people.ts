import type { Language } from '@clinic/contracts';
import { cabinetText, dayAndTime, formatTimeRange, signatureOf, type Layout } from './layout.ts';
import type { ClinicInfo, InputOf } from './message-input.ts';

/** Messages to a person by name that belong to no appointment of theirs: an admin's message, a waitlist offer. */

export function manualLayout(input: InputOf<'MANUAL'>, language: Language, clinic: ClinicInfo): Layout {
  const ro = language === 'ro';
  return {
    subject: input.subject,
    greeting: ro ? `Bună ziua, ${input.recipientName},` : `Hello ${input.recipientName},`,
    paragraphs: input.message.split(/\n{2,}/),
    closing: signatureOf(ro, clinic),
  };
}

export function waitlistOfferLayout(input: InputOf<'WAITLIST_OFFER'>, language: Language, clinic: ClinicInfo): Layout {
  const ro = language === 'ro';
  const tz = clinic.timeZone;
  const o = input.offer;
  const when = formatTimeRange(o.start_time, o.end_time, language, tz);
  const until = dayAndTime(o.expires_at, language, tz);
  return {
    subject: ro
      ? `Un interval s-a eliberat pentru dumneavoastră: ${o.doctor_name}, ${when}`
      : `A time is free for you: ${o.doctor_name}, ${when}`,
    greeting: ro ? `Bună ziua, ${input.recipientName},` : `Hello ${input.recipientName},`,
    paragraphs: [
      ro
        ? `Ați cerut să vă anunțăm când se eliberează un interval la ${o.doctor_name}. Intervalul ${when} este rezervat pentru dumneavoastră până ${until}: până atunci doar dumneavoastră îl puteți programa.`
        : `You asked to be told when a time with ${o.doctor_name} is freed. The time ${when} is held for you until ${until}: until then, only you can book it.`,
      ro
        ? 'Dacă nu îl programați până atunci, intervalul va fi oferit următoarei persoane din lista de așteptare.'
        : 'If you do not book it by then, the time is offered to the next person on the waitlist.',
    ],
    details: [
      [ro ? 'Medic' : 'Doctor', o.doctor_name],
      [ro ? 'Specializare' : 'Specialization', o.specialization_name],
      [ro ? 'Data și ora' : 'Date and time', when],
      [ro ? 'Cabinet' : 'Room', cabinetText(o, language)],
      [ro ? 'Rezervat până' : 'Held until', until],
    ],
    link: { label: ro ? 'Programați intervalul' : 'Book the time', href: `${clinic.publicUrl}/waitlist` },
    closing: signatureOf(ro, clinic),
  };
}

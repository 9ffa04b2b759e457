import type { Language } from '@clinic/contracts';
import type { Layout } from './layout.ts';
import type { AppointmentLinks } from './message-input.ts';

const LABELS = {
  ro: {
    view: 'Vedeți programarea (fără autentificare)',
    reschedule: 'Mutați programarea',
    cancel: 'Anulați programarea',
    pdf: 'Documentul PDF al programării',
  },
  en: {
    view: 'See the appointment (no login needed)',
    reschedule: 'Reschedule the appointment',
    cancel: 'Cancel the appointment',
    pdf: 'The appointment’s PDF',
  },
} as const;

/** The lines of an appointment email's signed links: view, reschedule and cancel where allowed, the PDF. */
export function linkActions(links: AppointmentLinks, language: Language): NonNullable<Layout['actions']> {
  const labels = LABELS[language];
  return [
    { label: labels.view, href: links.view },
    ...(links.reschedule ? [{ label: labels.reschedule, href: links.reschedule }] : []),
    ...(links.cancel ? [{ label: labels.cancel, href: links.cancel }] : []),
    { label: labels.pdf, href: links.pdf },
  ];
}

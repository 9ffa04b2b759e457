import { dateTimeFormat } from '@clinic/scheduling';
import { locale, type AppointmentWording, type Layout } from './layout.ts';
import type { InputOf } from './message-input.ts';

/** The appointment's PDF is ready: its signed link, and until when it works. */
export function pdfGeneratedLayout(input: InputOf<'PDF_GENERATED'>, w: AppointmentWording): Layout {
  const { ro, language, when, greeting, details, signature } = w;
  const until = dateTimeFormat(locale(language), { timeZone: w.clinic.timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(input.linkExpiresAt),
  );
  return {
    subject: ro ? `Documentul programării din ${when}` : `Your appointment document for ${when}`,
    greeting,
    paragraphs: [
      ro
        ? `Documentul PDF al programării dumneavoastră este gata. Linkul funcționează până la ${until}.`
        : `The PDF of your appointment is ready. The link works until ${until}.`,
    ],
    link: { label: ro ? 'Descărcați PDF-ul' : 'Download the PDF', href: input.pdfUrl },
    details,
    closing: signature,
  };
}

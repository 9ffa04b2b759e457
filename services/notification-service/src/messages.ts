import type { Appointment, AppointmentStatus, CancellationReasonCode, Language, NotificationType, WaitlistOffer } from '@clinic/contracts';
import { dateTimeFormat } from '@clinic/scheduling';

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

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

interface Layout {
  subject: string;
  greeting: string;
  paragraphs: string[];
  details?: Array<[string, string]>;
  /** A second block of details, e.g. the time before a change. */
  previousDetails?: { title: string; rows: Array<[string, string]> };
  list?: string[];
  link?: { label: string; href: string };
  closing: string[];
}

const STATUS: Record<Language, Record<AppointmentStatus, string>> = {
  ro: {
    PENDING: 'în așteptarea confirmării',
    CONFIRMED: 'confirmată',
    CANCELLED: 'anulată',
    COMPLETED: 'încheiată',
    EXPIRED: 'expirată',
    NO_SHOW: 'neprezentare',
  },
  en: {
    PENDING: 'awaiting confirmation',
    CONFIRMED: 'confirmed',
    CANCELLED: 'cancelled',
    COMPLETED: 'completed',
    EXPIRED: 'expired',
    NO_SHOW: 'missed',
  },
};

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

const locale = (language: Language) => (language === 'ro' ? 'ro-RO' : 'en-GB');

/** "joi, 3 decembrie 2026, 09:30–10:00" / "Thursday 3 December 2026, 09:30–10:00" in the clinic's zone. */
export function formatTimeRange(start: string, end: string, language: Language, timeZone: string): string {
  const day = dateTimeFormat(locale(language), { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = dateTimeFormat(locale(language), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${day.format(new Date(start))}, ${time.format(new Date(start))}–${time.format(new Date(end))}`;
}

/** "joi, 3 decembrie la 21:30" / "Thursday 3 December at 21:30": a moment of the next days, in the clinic's zone. */
export function dayAndTime(instant: string, language: Language, timeZone: string): string {
  const day = dateTimeFormat(locale(language), { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
  return `${day.format(new Date(instant))} ${language === 'ro' ? 'la' : 'at'} ${shortTime(instant, language, timeZone)}`;
}

const shortTime = (instant: string, language: Language, timeZone: string) =>
  dateTimeFormat(locale(language), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

function cabinetText(a: Pick<Appointment, 'cabinet_name' | 'cabinet_location' | 'cabinet_floor'>, language: Language) {
  return language === 'ro'
    ? `${a.cabinet_name}, ${a.cabinet_location}, etajul ${a.cabinet_floor}`
    : `${a.cabinet_name}, ${a.cabinet_location}, floor ${a.cabinet_floor}`;
}

function appointmentDetails(a: Appointment, language: Language, timeZone: string, audience: Audience): Array<[string, string]> {
  const ro = language === 'ro';
  return [
    audience === 'PATIENT' ? [ro ? 'Medic' : 'Doctor', a.doctor_name] : [ro ? 'Pacient' : 'Patient', a.patient_name],
    [ro ? 'Specializare' : 'Specialization', a.specialization_name],
    [ro ? 'Data și ora' : 'Date and time', formatTimeRange(a.start_time, a.end_time, language, timeZone)],
    [ro ? 'Cabinet' : 'Room', cabinetText(a, language)],
    [ro ? 'Stare' : 'Status', STATUS[language][a.status]],
  ];
}

function layout(input: MessageInput, language: Language, clinic: ClinicInfo): Layout {
  const ro = language === 'ro';
  const tz = clinic.timeZone;
  const signature = ro ? [`Cu stimă,`, `${clinic.name}`, clinic.publicUrl] : ['Kind regards,', clinic.name, clinic.publicUrl];
  const manage = ro
    ? `Programările dumneavoastră se văd și se anulează din cont: ${clinic.publicUrl}`
    : `You can see and cancel your appointments in your account: ${clinic.publicUrl}`;
  if (input.type === 'MANUAL') {
    return {
      subject: input.subject,
      greeting: ro ? `Bună ziua, ${input.recipientName},` : `Hello ${input.recipientName},`,
      paragraphs: input.message.split(/\n{2,}/),
      closing: signature,
    };
  }
  if (input.type === 'WAITLIST_OFFER') {
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
      closing: signature,
    };
  }
  if (input.type === 'DAILY_AGENDA') {
    const date = dateTimeFormat(locale(language), {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date(`${input.day}T12:00:00Z`));
    const count = input.appointments.length;
    return {
      subject: ro
        ? `Agenda de mâine (${date}): ${count} ${count === 1 ? 'programare' : 'programări'}`
        : `Tomorrow’s agenda (${date}): ${count} appointment${count === 1 ? '' : 's'}`,
      greeting: ro ? `Bună ziua, ${input.doctorName},` : `Hello ${input.doctorName},`,
      paragraphs: [ro ? `Programările dumneavoastră de mâine, ${date}:` : `Your appointments tomorrow, ${date}:`],
      list: input.appointments.map(
        (a) =>
          `${shortTime(a.start_time, language, tz)}–${shortTime(a.end_time, language, tz)} · ${a.patient_name} · ${cabinetText(a, language)} · ${STATUS[language][a.status]}`,
      ),
      closing: signature,
    };
  }
  const a = input.appointment;
  const when = formatTimeRange(a.start_time, a.end_time, language, tz);
  const greetName = input.audience === 'PATIENT' ? a.patient_name : a.doctor_name;
  const greeting = ro ? `Bună ziua, ${greetName},` : `Hello ${greetName},`;
  const details = appointmentDetails(a, language, tz, input.audience);
  switch (input.type) {
    case 'CREATED':
      return input.audience === 'PATIENT'
        ? {
            subject: ro ? `Programare înregistrată: ${a.doctor_name}, ${when}` : `Appointment booked: ${a.doctor_name}, ${when}`,
            greeting,
            paragraphs: [
              ro
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
    case 'UPDATED': {
      const p = input.previous;
      return {
        subject: ro ? `Programare mutată: ${when}` : `Appointment moved: ${when}`,
        greeting,
        paragraphs: [
          ro
            ? `Programarea ${input.audience === 'PATIENT' ? `la ${a.doctor_name}` : `cu ${a.patient_name}`} a fost mutată. Invitația din calendar este actualizată.`
            : `The appointment ${input.audience === 'PATIENT' ? `with ${a.doctor_name}` : `with ${a.patient_name}`} was moved. The calendar invitation is updated.`,
          ...(input.reason ? [ro ? `Motivul: ${input.reason}` : `Reason: ${input.reason}`] : []),
        ],
        previousDetails: p
          ? {
              title: ro ? 'Înainte' : 'Before',
              rows: [
                [ro ? 'Data și ora' : 'Date and time', formatTimeRange(p.start_time, p.end_time, language, tz)],
                [ro ? 'Cabinet' : 'Room', cabinetText(p, language)],
              ],
            }
          : undefined,
        details: [[ro ? 'Acum' : 'Now', ''], ...details],
        closing: input.audience === 'PATIENT' ? [manage, ...signature] : signature,
      };
    }
    case 'CONFIRMED':
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
    case 'CANCELLED': {
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
    case 'PDF_GENERATED': {
      const until = dateTimeFormat(locale(language), { timeZone: tz, day: 'numeric', month: 'long', year: 'numeric' }).format(
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
    case 'EXPIRED': {
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
    case 'REMINDER_DUE':
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

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function detailsText(rows: Array<[string, string]>) {
  return rows.map(([label, value]) => (value ? `${label}: ${value}` : `${label}:`)).join('\n');
}

function detailsHtml(rows: Array<[string, string]>) {
  const cells = rows
    .map(([label, value]) =>
      value
        ? `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`
        : `<tr><th align="left" colspan="2" style="padding-top:8px">${escapeHtml(label)}</th></tr>`,
    )
    .join('');
  return `<table style="border-collapse:collapse">${cells}</table>`;
}

/** The email's subject, plain-text part and HTML part, in the recipient's language. */
export function renderMessage(input: MessageInput, language: Language, clinic: ClinicInfo): RenderedMessage {
  const l = layout(input, language, clinic);
  const text = [
    l.greeting,
    ...l.paragraphs,
    ...(l.previousDetails ? [`${l.previousDetails.title}:\n${detailsText(l.previousDetails.rows)}`] : []),
    ...(l.details ? [detailsText(l.details)] : []),
    ...(l.list ? [l.list.map((item) => `- ${item}`).join('\n')] : []),
    ...(l.link ? [`${l.link.label}: ${l.link.href}`] : []),
    l.closing.join('\n'),
  ].join('\n\n');
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(l.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1f2933">',
    `<p><strong>${escapeHtml(clinic.name)}</strong></p>`,
    `<p>${escapeHtml(l.greeting)}</p>`,
    ...l.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`),
    ...(l.previousDetails ? [`<p><strong>${escapeHtml(l.previousDetails.title)}</strong></p>`, detailsHtml(l.previousDetails.rows)] : []),
    ...(l.details ? [detailsHtml(l.details)] : []),
    ...(l.list ? [`<ul>${l.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`] : []),
    ...(l.link ? [`<p><a href="${escapeHtml(l.link.href)}">${escapeHtml(l.link.label)}</a></p>`] : []),
    `<p>${l.closing.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: l.subject, text, html };
}

/** Which notification types an event gives, and to whom (a waitlist offer: the patient it is offered to). */
export function recipientsOf(type: NotificationType): Audience[] {
  switch (type) {
    case 'CREATED':
    case 'UPDATED':
    case 'CANCELLED':
      return ['PATIENT', 'DOCTOR'];
    case 'CONFIRMED':
    case 'PDF_GENERATED':
    case 'REMINDER_DUE':
    case 'EXPIRED':
    case 'WAITLIST_OFFER':
      return ['PATIENT'];
    default:
      return [];
  }
}

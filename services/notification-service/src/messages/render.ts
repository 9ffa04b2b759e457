import type { Language, NotificationType } from '@clinic/contracts';
import { cancelledLayout } from './cancelled.ts';
import { confirmedLayout } from './confirmed.ts';
import { createdLayout } from './created.ts';
import { expiredLayout } from './expired.ts';
import { appointmentWording, type Layout } from './layout.ts';
import { linkActions } from './links.ts';
import type { Audience, ClinicInfo, MessageInput, RenderedMessage } from './message-input.ts';
import { pdfGeneratedLayout } from './pdf-generated.ts';
import { manualLayout, waitlistOfferLayout } from './people.ts';
import { reminderDueLayout } from './reminder-due.ts';
import { dailyAgendaLayout } from './staff.ts';
import { updatedLayout } from './updated.ts';

/** The layout of the message's kind, in the recipient's language, with the appointment's links when it has them. */
function layout(input: MessageInput, language: Language, clinic: ClinicInfo): Layout {
  if (input.type === 'MANUAL') return manualLayout(input, language, clinic);
  if (input.type === 'WAITLIST_OFFER') return waitlistOfferLayout(input, language, clinic);
  if (input.type === 'DAILY_AGENDA') return dailyAgendaLayout(input, language, clinic);
  const base = appointmentLayout(input, language, clinic);
  return input.links ? { ...base, actions: linkActions(input.links, language) } : base;
}

function appointmentLayout(
  input: Exclude<MessageInput, { type: 'MANUAL' | 'WAITLIST_OFFER' | 'DAILY_AGENDA' }>,
  language: Language,
  clinic: ClinicInfo,
): Layout {
  const wording = appointmentWording(input.appointment, input.audience, language, clinic);
  switch (input.type) {
    case 'CREATED':
      return createdLayout(input.audience, wording);
    case 'UPDATED':
      return updatedLayout(input, wording);
    case 'CONFIRMED':
      return confirmedLayout(wording);
    case 'CANCELLED':
      return cancelledLayout(input, wording);
    case 'PDF_GENERATED':
      return pdfGeneratedLayout(input, wording);
    case 'EXPIRED':
      return expiredLayout(wording);
    case 'REMINDER_DUE':
      return reminderDueLayout(input, wording);
  }
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
    ...(l.actions ? [l.actions.map((a) => `${a.label}: ${a.href}`).join('\n')] : []),
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
    ...(l.actions ? [`<p>${l.actions.map((a) => `<a href="${escapeHtml(a.href)}">${escapeHtml(a.label)}</a>`).join('<br>')}</p>`] : []),
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

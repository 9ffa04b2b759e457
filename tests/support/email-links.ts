// The signed links of appointment emails: read out of the emails, or signed here with the test stack's
// own APPOINTMENT_LINK_SECRET (secrets.json) for a route test that needs a link of its choosing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signAppointmentLink, type AppointmentLinkAction } from '@clinic/service-kit';
import { testStack } from './stack.ts';

const stackSecret = () =>
  (JSON.parse(readFileSync(join(testStack().stateDir, 'secrets.json'), 'utf8')) as { appointmentLinkSecret: string }).appointmentLinkSecret;

/** A link token for the appointment, as notification-service signs them. */
export function signedLinkToken(
  appointment: { id: string; patient_id: string },
  actions: AppointmentLinkAction[] = ['VIEW', 'RESCHEDULE', 'CANCEL'],
  options: { expiresAt?: number; language?: 'ro' | 'en' } = {},
): string {
  return signAppointmentLink(stackSecret(), {
    appointmentId: appointment.id,
    patientId: appointment.patient_id,
    actions,
    expiresAt: options.expiresAt ?? Math.floor(Date.now() / 1000) + 86_400 * 30,
    language: options.language ?? 'ro',
  });
}

/** The link labelled so in an email's text part (`Label: https://…`). */
export function linkIn(text: string, label: string): string | undefined {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}: (\\S+)`).exec(text)?.[1];
}

/** The token of a page link (`…/a/<token>?do=…`) or a PDF link (`…/links/<token>/pdf`). */
export const tokenOfLink = (link: string) => /\/(?:a|links)\/([\w-]+~[\w-]+)/.exec(link)?.[1] ?? '';

// Reading the emails the platform sent, from the test stack's Mailpit (REST API /api/v1).
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import ical from 'node-ical';
import { pauseMailpit, resumeMailpit } from '../../devstack/src/mailpit.ts';
import { testStack } from './stack.ts';
import type { Json } from './http.ts';

export interface MailSummary {
  ID: string;
  MessageID: string;
  Subject: string;
  To: Array<{ Name: string; Address: string }>;
}

export interface Mail extends MailSummary {
  Text: string;
  HTML: string;
  Attachments: Array<{ PartID: string; FileName: string; ContentType: string }>;
}

async function mailApi<T>(path: string): Promise<T> {
  const response = await fetch(`${testStack().mailUrl}/api/v1${path}`);
  if (!response.ok) throw new Error(`Mailpit answered ${response.status} for ${path}`);
  return (await response.json()) as T;
}

/** Every email sent to the address so far (Mailpit keeps them all), oldest first. */
export async function mailsTo(address: string): Promise<MailSummary[]> {
  const answer = await mailApi<{ messages: MailSummary[] }>(`/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=500`);
  return answer.messages.filter((m) => m.To.some((to) => to.Address.toLowerCase() === address.toLowerCase())).reverse();
}

/** One email in full; the text part with plain newlines. */
export async function readMail(id: string): Promise<Mail> {
  const mail = await mailApi<Mail>(`/message/${id}`);
  return { ...mail, Text: mail.Text.replace(/\r\n/g, '\n') };
}

export async function attachmentText(mail: Mail, fileName: string): Promise<string> {
  const part = mail.Attachments.find((a) => a.FileName === fileName);
  assert.ok(part, `${fileName} attached to "${mail.Subject}"`);
  const response = await fetch(`${testStack().mailUrl}/api/v1/message/${mail.ID}/part/${part.PartID}`);
  return response.text();
}

/**
 * Waits until the address received emails whose subjects match every pattern (Mailpit may be down a
 * while: errors count as "not yet"), then answers them, fully read. Fails after `timeoutMs`.
 */
export async function waitForMails(address: string, patterns: RegExp[], timeoutMs = 60_000): Promise<Mail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(address).catch(() => undefined);
    if (mails) {
      const found = patterns.map((pattern) => mails.find((m) => pattern.test(m.Subject)));
      if (found.every(Boolean)) return Promise.all(found.map((m) => readMail(m!.ID)));
      if (Date.now() > deadline) {
        assert.fail(
          `emails to ${address} matching ${patterns.filter((_, i) => !found[i]).join(', ')} never came; got: ${mails.map((m) => m.Subject).join(' | ')}`,
        );
      }
    } else if (Date.now() > deadline) assert.fail('Mailpit not reachable');
    await sleep(250);
  }
}

/** The single VEVENT of an ICS attachment and the calendar's METHOD, read by a real iCalendar parser. */
export function parseInvite(text: string): { method: string; event: Json } {
  assert.match(text, /^BEGIN:VCALENDAR\r\n[\s\S]*\r\nEND:VCALENDAR\r\n$/);
  assert.ok(
    text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75),
    'content lines folded at 75 octets (RFC 5545 §3.1)',
  );
  const method = /\r\nMETHOD:([A-Z]+)\r\n/.exec(text)?.[1] ?? '';
  const events = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT');
  assert.equal(events.length, 1);
  return { method, event: events[0] };
}

/** Stops the SMTP relay (Mailpit) until resumeMail(); connections to it are refused meanwhile. */
export const pauseMail = () => pauseMailpit(testStack().stateDir);
export const resumeMail = () => resumeMailpit(testStack().stateDir, testStack().mailUrl);

/** Makes the relay refuse every recipient with `code` (Mailpit chaos; test stacks only), or accept again with `undefined`. */
export async function refuseRecipients(code: number | undefined): Promise<void> {
  const body = code === undefined ? {} : { Recipient: { ErrorCode: code, Probability: 100 } };
  const response = await fetch(`${testStack().mailUrl}/api/v1/chaos`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.text());
}

/** The link of a Keycloak email (verify the address, reset the password), from its text. */
export function keycloakActionLink(mail: Mail): string {
  const link = /https?:\/\/\S+\/login-actions\/action-token\?\S+/.exec(mail.Text)?.[0];
  assert.ok(link, `a Keycloak action link in "${mail.Subject}"`);
  return link;
}

/**
 * Follows a Keycloak email link as a browser without a session would: Keycloak first asks to confirm
 * (a page with a link that carries the same token), then does what the link is for. Answers the last page.
 */
export async function followKeycloakLink(link: string): Promise<{ status: number; text: string }> {
  const cookies = new Map<string, string>();
  let url = link;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).toString();
      continue;
    }
    const text = await response.text();
    const proceed = /href="([^"]*login-actions\/action-token[^"]*)"/.exec(text)?.[1];
    if (!proceed) return { status: response.status, text };
    url = new URL(proceed.replaceAll('&amp;', '&'), url).toString();
  }
  assert.fail(`${link}: too many hops`);
}

/** Waits for the next email to the address after the `seen` it had, and answers it fully read. */
export async function nextMailTo(address: string, seen: number, timeoutMs = 60_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(address).catch(() => []);
    if (mails.length > seen) return readMail(mails.at(-1)!.ID);
    if (Date.now() > deadline) assert.fail(`no new email to ${address} (had ${seen})`);
    await sleep(250);
  }
}

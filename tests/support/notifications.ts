// Helpers for the notification tests: booking through the gateway, reading notification-service's rows.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Slot } from './booking.ts';
import { clinicDate } from './clinic.ts';
import { http, type Json } from './http.ts';
import { markEmailVerified, PASSWORD, passwordToken, uniqueEmail, type TestUser } from './identity.ts';
import { testStack } from './stack.ts';

export const gateway = (path: string) => `${testStack().gatewayUrl}/api${path}`;

/** Registers a patient with the given full name (diacritics welcome) and email language, their email verified. */
export async function registerNamedPatient(fullName: string, language: 'ro' | 'en' = 'ro'): Promise<TestUser> {
  const email = uniqueEmail('notified');
  const answer = await http(gateway('/users/register'), {
    method: 'POST',
    body: { full_name: fullName, email, password: PASSWORD, language },
  });
  if (answer.status !== 201) throw new Error(`register failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  await markEmailVerified(answer.body.id);
  return { id: answer.body.id, email, password: PASSWORD, token: await passwordToken(email, PASSWORD) };
}

/** The doctor's free slots on the clinic day `days` from today. */
export async function slotsOn(doctorId: string, days: number): Promise<Slot[]> {
  const answer = await http(`${testStack().services['doctor-service']}/doctors/${doctorId}/available-slots?date=${clinicDate(days)}`);
  if (answer.status !== 200) throw new Error(`available-slots answered ${answer.status}`);
  return answer.body.slots;
}

export async function bookThroughGateway(patient: TestUser, doctorId: string, slot: Slot): Promise<Record<string, Json>> {
  return (await bookWithRequestId(patient, doctorId, slot)).appointment;
}

/** Books through the gateway; also answers the request id the gateway gave the booking, which is its trace's id. */
export async function bookWithRequestId(
  patient: TestUser,
  doctorId: string,
  slot: Slot,
): Promise<{ appointment: Record<string, Json>; requestId: string }> {
  const answer = await http(gateway('/appointments'), {
    method: 'POST',
    token: patient.token,
    headers: { 'idempotency-key': randomUUID() },
    body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
  });
  if (answer.status !== 201) throw new Error(`booking answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return { appointment: answer.body, requestId: answer.headers.get('x-request-id')! };
}

/** notification-service's own database, read as its role. */
export async function withNotificationsDb<T>(work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: testStack().postgres.roles.notification_service!.url });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** Polls until `check` answers something truthy; fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check().catch(() => undefined);
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(250);
  }
}

/** "joi, 3 decembrie 2026, 09:30–10:00" as the emails write a slot. */
export function emailTimes(slot: Slot, language: 'ro' | 'en'): string {
  const locale = language === 'ro' ? 'ro-RO' : 'en-GB';
  const timeZone = 'Europe/Bucharest';
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${day.format(new Date(slot.start))}, ${time.format(new Date(slot.start))}–${time.format(new Date(slot.end))}`;
}

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { clinicDate } from './clinic.ts';
import { http, type HttpAnswer } from './http.ts';
import type { TestUser } from './identity.ts';
import { testStack } from './stack.ts';

export interface Slot {
  start: string;
  end: string;
}

/** The next `count` free slots of a doctor, as doctor-service offers them, from tomorrow (in the clinic's zone) on. */
export async function freeSlots(doctorId: string, count: number): Promise<Slot[]> {
  const slots: Slot[] = [];
  for (let day = 1; slots.length < count && day < 60; day++) {
    const date = clinicDate(day);
    const answer = await http(`${testStack().services['doctor-service']}/doctors/${doctorId}/available-slots?date=${date}`);
    if (answer.status !== 200) throw new Error(`available-slots answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    slots.push(...(answer.body.slots as Slot[]));
  }
  if (slots.length < count) throw new Error(`only ${slots.length} free slots found`);
  return slots.slice(0, count);
}

/** A patient's booking of a slot through the gateway (spread over the appointment-service replicas like a client's), answered as it is. */
export const requestBooking = (patient: TestUser, doctorId: string, slot: Slot) =>
  http(`${testStack().gatewayUrl}/api/appointments`, {
    method: 'POST',
    token: patient.token,
    headers: { 'idempotency-key': randomUUID() },
    body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
  });

/**
 * A calendar change racing queued bookings: books each slot one after another without waiting for the
 * answers, and sends `change()` once `after` of them are on their way.
 */
export async function bookingsRacing(patient: TestUser, doctorId: string, slots: Slot[], after: number, change: () => Promise<HttpAnswer>) {
  const bookings: Array<Promise<HttpAnswer>> = [];
  let changed: Promise<HttpAnswer> | undefined;
  for (const [i, slot] of slots.entries()) {
    if (i === after) changed = change();
    bookings.push(requestBooking(patient, doctorId, slot));
    await sleep(2);
  }
  const answers = await Promise.all(bookings);
  return { answers, change: await (changed ?? change()) };
}

/**
 * Time cannot be fast-forwarded for the services, so an appointment is moved in appointment-service's
 * database to start `minutes` from now (negative: it started that long ago), lasting 30 minutes.
 */
export const startAppointmentIn = (id: string, minutes: number) =>
  withAppointmentsDb((db) =>
    db.query(
      `UPDATE appointments SET start_time = now() + make_interval(mins => $2), end_time = now() + make_interval(mins => $2 + 30) WHERE id = $1`,
      [id, minutes],
    ),
  );

/** appointment-service's own database, read as that service's role, to check what was really written. */
export async function withAppointmentsDb<T>(work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: testStack().postgres.roles.appointment_service!.url });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

export const appointmentReplicas = () =>
  Object.keys(testStack().services)
    .filter((name) => name.startsWith('appointment-service-'))
    .sort();

/** The replica whose consumer RabbitMQ has made a booking queue's single active consumer (the unsharded queue's by default). */
export async function activeBookingWorker(queue = 'appointment.booking-commands'): Promise<string | undefined> {
  const { rabbitManagementUrl, rabbit } = testStack();
  const answer = await http(`${rabbitManagementUrl}/api/queues/%2F/${encodeURIComponent(queue)}`, {
    headers: { authorization: `Basic ${Buffer.from(`${rabbit.user}:${rabbit.password}`).toString('base64')}` },
  });
  const active = (answer.body.consumer_details ?? []).find((c: { activity_status?: string }) => c.activity_status === 'single_active');
  // Each replica consumes under its own name as the consumer tag.
  return active?.consumer_tag;
}

/** The pid of a service process of the test stack, from its pid file. */
export function pidOf(processName: string): number {
  return JSON.parse(readFileSync(join(testStack().stateDir, 'run', `${processName}.pid`), 'utf8')).pid;
}

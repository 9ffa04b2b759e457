// One booking through the gateway under a request id the client chose, followed in the log files of
// the test stack: every process that worked on it, over HTTP and over RabbitMQ, logged under that id.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { globSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { bookingShardOf, bookingShardQueue } from '../../services/appointment-service/src/booking/shards.ts';
import { activeBookingWorker } from '../support/booking.ts';
import { ALL_WEEK, createDoctor } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import { waitForMails } from '../support/mail.ts';
import { eventually, gateway, registerNamedPatient, slotsOn } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

/** The shard count the test stack runs with: devstack passes CLINIC_BOOKING_SHARDS on as BOOKING_SHARDS. */
const SHARDS = Number(process.env.CLINIC_BOOKING_SHARDS ?? 1);

interface LogLine {
  reqId?: string;
  msg?: string;
  req?: { method?: string; url?: string };
  [field: string]: unknown;
}

/** Every JSON line of every process's log that carries `requestId` as its reqId, by process name. */
function linesWith(requestId: string): Map<string, LogLine[]> {
  const found = new Map<string, LogLine[]>();
  for (const file of globSync(join(testStack().stateDir, 'logs', '*.log'))) {
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes(requestId))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      })
      .filter((line) => line.reqId === requestId);
    if (lines.length > 0) found.set(basename(file, '.log'), lines);
  }
  return found;
}

/** The line a service logs for each request it answered. */
const incoming = (line: LogLine, method: string, url: string) =>
  line.msg === 'request completed' && line.req?.method === method && line.req?.url === url;

describe('a request id chosen by the client', () => {
  it('is in the log lines of the gateway, the replica that took the booking, the worker that decided it, doctor-service, the PDF consumer and notification-service', async () => {
    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    const patient = await registerNamedPatient('Sorina Urmărită');
    const [slot] = await slotsOn(doctor.id, 3);
    const requestId = `follow-a-booking-${randomUUID()}`;

    const booked = await http(gateway('/appointments'), {
      method: 'POST',
      token: patient.token,
      headers: { 'x-request-id': requestId, 'idempotency-key': randomUUID() },
      body: { doctor_id: doctor.id, start_time: slot!.start, end_time: slot!.end },
    });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.equal(booked.headers.get('x-request-id'), requestId);
    const appointmentId = booked.body.id as string;
    const worker = await activeBookingWorker(bookingShardQueue(bookingShardOf(doctor.id, SHARDS)));
    assert.ok(worker, 'the booking queue has an active consumer');

    // Its PDF is made and its email sent, both after the fact, through RabbitMQ.
    await eventually(
      'the PDF is ready',
      async () => (await http(gateway(`/appointments/${appointmentId}/pdf`), { token: patient.token })).status === 200,
    );
    await waitForMails(patient.email, [/^Programare înregistrată/]);

    const expected: Record<string, (lines: Map<string, LogLine[]>) => boolean> = {
      'the gateway, answering the client': (lines) => (lines.get('gateway') ?? []).some((l) => incoming(l, 'POST', '/api/appointments')),
      'one appointment-service replica, taking the request': (lines) =>
        [...lines].filter(([name, own]) => name.startsWith('appointment-service-') && own.some((l) => incoming(l, 'POST', '/appointments')))
          .length === 1,
      [`the booking worker (${worker}), deciding it`]: (lines) =>
        (lines.get(worker) ?? []).some((l) => l.msg === 'booking command decided' && l.result === 'BOOKED'),
      'doctor-service, asked by the worker for the booking profile': (lines) =>
        (lines.get('doctor-service') ?? []).some((l) => incoming(l, 'GET', `/internal/doctors/${doctor.id}/booking-profile`)),
      'an appointment-service replica, making the PDF': (lines) =>
        [...lines].some(
          ([name, own]) =>
            name.startsWith('appointment-service-') &&
            own.some((l) => l.msg === 'appointment PDF event handled' && l.appointmentId === appointmentId && l.outcome === 'generated'),
        ),
      'notification-service, handling the CREATED event': (lines) =>
        [...lines].some(
          ([name, own]) =>
            name.startsWith('notification-service-') &&
            own.some((l) => l.msg === 'appointment event handled' && l.appointmentId === appointmentId && l.type === 'CREATED'),
        ),
      'user-service, asked by notification-service for the patient’s contact': (lines) =>
        (lines.get('user-service') ?? []).some((l) => incoming(l, 'GET', `/internal/users/${patient.id}/contact`)),
    };
    const absent = () => {
      const lines = linesWith(requestId);
      return Object.entries(expected)
        .filter(([, check]) => !check(lines))
        .map(([who]) => who);
    };
    // Log lines are written as the work happens; the last ones may trail the email by a moment.
    for (let tries = 0; tries < 40 && absent().length > 0; tries++) await sleep(250);
    assert.deepEqual(absent(), [], `logged under ${requestId} by: ${[...linesWith(requestId).keys()].join(', ')}`);
    // One line per request in the gateway: the request, its status and its time, nothing of the proxy's own.
    assert.deepEqual(
      (linesWith(requestId).get('gateway') ?? []).map((line) => line.msg),
      ['request completed'],
    );
  });
});

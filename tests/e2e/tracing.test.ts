// One booking through the gateway, found again in Jaeger as ONE trace: the gateway, the replica that
// took the request, the worker that decided it (over the booking queue), the PDF renderer and
// notification-service (over the outbox and the events exchange), down to the email it sent. The
// request's log lines carry the trace's id as their reqId, so a log line leads to its trace.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { bookingShardOf, bookingShardQueue } from '../../services/appointment-service/src/booking/shards.ts';
import { activeBookingWorker } from '../support/booking.ts';
import { ALL_WEEK, createDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { waitForMails } from '../support/mail.ts';
import { bookWithRequestId, eventually, gateway, registerNamedPatient, slotsOn } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const SHARDS = Number(process.env.CLINIC_BOOKING_SHARDS ?? 1);

interface Span {
  spanID: string;
  operationName: string;
  /** The service (and, for replicas, the instance) that made it. */
  service: string;
  instance?: string;
  kind?: string;
  parentSpanID?: string;
}

/** The spans of a trace as Jaeger's query API answers them, each with the process that made it. */
async function traceSpans(traceId: string): Promise<Span[] | undefined> {
  const answer = await http(`${testStack().jaegerUrl}/api/traces/${traceId}`);
  if (answer.status !== 200) return undefined;
  const [found] = answer.body.data as Json[];
  if (!found) return undefined;
  const tag = (tags: Json[] | undefined, key: string) => tags?.find((t: Json) => t.key === key)?.value as string | undefined;
  return (found.spans as Json[]).map((span) => {
    const process = found.processes[span.processID];
    return {
      spanID: span.spanID,
      operationName: span.operationName,
      service: process.serviceName,
      instance: tag(process.tags, 'service.instance.id'),
      kind: tag(span.tags, 'span.kind'),
      parentSpanID: (span.references as Json[]).find((ref: Json) => ref.refType === 'CHILD_OF')?.spanID,
    };
  });
}

/** What the trace must hold, each a check over its spans. */
function expectations(worker: string, bookingQueue: string): Record<string, (spans: Span[]) => boolean> {
  const consumerOf = (spans: Span[], queue: string) =>
    spans.filter((s) => s.service === 'appointment-service' && s.kind === 'consumer' && s.operationName === `process ${queue}`);
  return {
    'the gateway, answering POST /api/appointments': (spans) =>
      spans.some((s) => s.service === 'gateway' && s.kind === 'server' && s.operationName.startsWith('POST /api/appointments')),
    // The gateway passes the request on under its own span: no span of its own for the call.
    'the replica’s span, the child of the gateway’s': (spans) => {
      const gateway = spans.find((s) => s.service === 'gateway' && s.kind === 'server');
      const replica = spans.find(
        (s) => s.service === 'appointment-service' && s.kind === 'server' && s.operationName === 'POST /appointments',
      );
      return gateway !== undefined && replica?.parentSpanID === gateway.spanID;
    },
    'one appointment-service replica, taking the request': (spans) =>
      new Set(
        spans
          .filter((s) => s.service === 'appointment-service' && s.kind === 'server' && s.operationName === 'POST /appointments')
          .map((s) => s.instance),
      ).size === 1,
    [`the booking worker (${worker}), deciding the command it took from the booking queue`]: (spans) =>
      consumerOf(spans, bookingQueue).some((s) => s.instance === worker),
    'its decision stored in PostgreSQL': (spans) =>
      spans.some((s) => s.service === 'appointment-service' && s.operationName.startsWith('pg ')),
    'the PDF renderer, handling the CREATED event': (spans) => consumerOf(spans, 'appointment.pdf-documents').length > 0,
    'notification-service, sending the patient’s email': (spans) =>
      spans.some((s) => s.service === 'notification-service' && s.kind === 'client' && s.operationName === 'smtp send'),
    // Spans arrive in batches from each process: polled until every span's parent has arrived too.
    'one root, the gateway’s span: every other span’s parent is in the trace': (spans) => {
      const roots = spans.filter((s) => !s.parentSpanID || !spans.some((p) => p.spanID === s.parentSpanID));
      return roots.length === 1 && roots[0]!.service === 'gateway' && roots[0]!.kind === 'server';
    },
    'notification-service, handling the CREATED event': (spans) =>
      spans.some(
        (s) =>
          s.service === 'notification-service' && s.kind === 'consumer' && s.operationName === 'process notification.appointment-events',
      ),
  };
}

describe('a booking’s trace', () => {
  it('is one trace in Jaeger, from the gateway through the replica, the deciding worker and the PDF renderer to notification-service, and its id is the reqId of its log lines', async () => {
    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    const patient = await registerNamedPatient('Traian Urmărit');
    const [slot] = await slotsOn(doctor.id, 3);
    const bookingQueue = bookingShardQueue(bookingShardOf(doctor.id, SHARDS));

    // The request's id, as the gateway answers it, is a W3C trace id.
    const { requestId: traceId } = await bookWithRequestId(patient, doctor.id, slot!);
    assert.match(traceId, /^[0-9a-f]{32}$/);
    const worker = await activeBookingWorker(bookingQueue);
    assert.ok(worker, 'the booking queue has an active consumer');
    await waitForMails(patient.email, [/^Programare înregistrată/]);

    const expected = expectations(worker, bookingQueue);
    const missing = (spans: Span[] | undefined) =>
      Object.entries(expected)
        .filter(([, check]) => !spans || !check(spans))
        .map(([who]) => who);
    // Spans reach Jaeger in batches, a second or so after their work: bounded polling.
    let spans: Span[] | undefined;
    for (let tries = 0; tries < 60; tries++) {
      spans = await traceSpans(traceId);
      if (missing(spans).length === 0) break;
      await sleep(500);
    }
    assert.deepEqual(
      missing(spans),
      [],
      `trace ${traceId} has: ${JSON.stringify(spans?.map((s) => [s.service, s.instance, s.kind, s.operationName]))}`,
    );
    // The gateway's line for the request, in its log, carries the trace id as its reqId.
    await eventually('the gateway logged the request under its trace id', async () =>
      readFileSync(join(testStack().stateDir, 'logs', 'gateway.log'), 'utf8')
        .split('\n')
        .some((line) => line.includes(traceId) && /"msg":"request completed"/.test(line) && JSON.parse(line).reqId === traceId),
    );
  });

  it('continues the trace a client sends in its traceparent header', async () => {
    const traceId = randomUUID().replaceAll('-', '');
    const answer = await http(gateway('/doctors'), { headers: { traceparent: `00-${traceId}-${'ab'.repeat(8)}-01` } });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('x-request-id'), traceId);
    const spans = await eventually(
      'the request’s spans reached Jaeger',
      async () => {
        const found = await traceSpans(traceId);
        return found?.some((s) => s.service === 'doctor-service') ? found : undefined;
      },
      30_000,
    );
    const gatewaySpan = spans.find((s) => s.service === 'gateway' && s.kind === 'server');
    assert.equal(gatewaySpan?.parentSpanID, 'ab'.repeat(8));
  });
});

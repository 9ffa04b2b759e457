// GET /api/system/traces/{traceId}: the admin reads one request's trace, as the gateway gets it from the
// stack's real Jaeger (whose build here has no UI of its own). A booking's trace holds the gateway, the
// appointment-service replica and worker, and notification-service, each span timed from the trace's
// start, with a few attributes and never a statement's text or a patient's email.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { pauseServer, resumeServer } from '../../devstack/src/process.ts';
import { ALL_WEEK, createDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { adminToken, registerPatient } from '../support/identity.ts';
import { waitForMails } from '../support/mail.ts';
import { bookWithRequestId, eventually, gateway, registerNamedPatient, slotsOn } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const TRACE = (traceId: string) => gateway(`/system/traces/${traceId}`);
const unknownTraceId = () => randomUUID().replaceAll('-', '');

describe('GET /api/system/traces/{traceId}', () => {
  let admin: string;
  before(async () => {
    admin = await adminToken();
  });
  after(async () => {
    // Whatever happened, Jaeger runs again for the tests after this one.
    await resumeServer(testStack().stateDir, 'jaeger');
  });

  it('answers 401 without a token, 403 to a patient and to a doctor, 400 to an id that is not a trace id, each as JSON', async () => {
    const [patient, doctor] = await Promise.all([registerPatient('trace-patient'), createDoctor({ label: 'trace-doctor', schedule: [] })]);
    const traceId = unknownTraceId();
    const anonymous = await http(TRACE(traceId));
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.code, 'UNAUTHORIZED');
    for (const [who, token] of [
      ['patient', patient.token],
      ['doctor', doctor.user.token],
    ]) {
      const answer = await http(TRACE(traceId), { token });
      assert.equal(answer.status, 403, who);
      assert.equal(answer.body.error.code, 'FORBIDDEN', who);
    }
    for (const bad of ['not-a-trace', 'ABCDEF'.repeat(6).slice(0, 32), `${traceId}00`, 'g'.repeat(32)]) {
      const answer = await http(TRACE(bad), { token: admin });
      assert.equal(answer.status, 400, bad);
      assert.equal(typeof answer.body.error.code, 'string', bad);
    }
  });

  it('answers 404 NOT_FOUND for a trace Jaeger does not hold', async () => {
    const answer = await http(TRACE(unknownTraceId()), { token: admin });
    assert.equal(answer.status, 404, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, 'NOT_FOUND');
  });

  it('gives the admin a booking’s trace by the request id the booking was answered with: gateway, appointment-service and notification-service spans', async () => {
    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    const patient = await registerNamedPatient('Toma Urmărit');
    const [slot] = await slotsOn(doctor.id, 3);
    const { requestId: traceId } = await bookWithRequestId(patient, doctor.id, slot!);
    await waitForMails(patient.email, [/^Programare înregistrată/]);

    // Spans reach Jaeger in batches, a second or so after their work.
    const trace = await eventually(
      'the booking’s trace holds the notification-service email span',
      async () => {
        const answer = await http(TRACE(traceId), { token: admin });
        return answer.status === 200 && (answer.body.spans as Json[]).some((s) => s.operation === 'smtp send') ? answer.body : undefined;
      },
      30_000,
    );
    assert.equal(trace.trace_id, traceId);
    const spans = trace.spans as Json[];
    const services = new Set(spans.map((s) => s.service));
    for (const service of ['gateway', 'appointment-service', 'notification-service']) assert.ok(services.has(service), service);
    // The gateway's span is the root and comes first; every span is timed within the trace.
    assert.equal(spans[0].service, 'gateway');
    assert.equal(spans[0].parent_id, null);
    assert.equal(spans[0].start_us, 0);
    assert.match(spans[0].operation, /^POST \/api\/appointments/);
    for (const span of spans) {
      assert.ok(span.start_us >= 0 && span.start_us + span.duration_us <= trace.duration_us + 1, JSON.stringify(span));
    }
    const replica = spans.find((s) => s.service === 'appointment-service' && s.operation === 'POST /appointments');
    assert.match(replica?.instance ?? '', /^appointment-service-\d$/);
    assert.equal(replica.attributes['http.route'], '/appointments');
    assert.equal(replica.attributes['http.response.status_code'], 201);
    assert.ok(spans.some((s) => s.attributes['db.operation.name'] === 'INSERT'));
    assert.ok(spans.some((s) => typeof s.attributes['messaging.destination.name'] === 'string'));
    // Nothing of what the spans carry in Jaeger beyond the listed few: no statement, no email.
    const text = JSON.stringify(trace);
    assert.doesNotMatch(text, /db\.query\.text|INSERT INTO|url\.full/);
    assert.ok(!text.includes(patient.email), 'no patient email');
  });

  it('answers 503 UNAVAILABLE, as JSON, while Jaeger is down', async () => {
    const { stateDir, jaegerUrl } = testStack();
    await pauseServer(stateDir, 'jaeger');
    const down = await http(TRACE(unknownTraceId()), { token: admin });
    assert.equal(down.status, 503);
    assert.equal(down.body.error.code, 'UNAVAILABLE');
    assert.match(down.body.error.message, /Jaeger/);
    await resumeServer(stateDir, 'jaeger', async () => (await fetch(`${jaegerUrl}/api/services`)).ok);
  });
});

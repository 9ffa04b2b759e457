import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeTraceContext, extractTraceContext, inSpan, SpanKind, startTracing, traceIdOf } from '@clinic/service-kit';
import { publishTraced, type Envelope } from './broker.ts';

// The SDK as a service runs it; its exports would go to a port nobody listens on (the test ends before
// the first batch is due), which is all the same here.
startTracing('publish-tracing-test', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_BSP_SCHEDULE_DELAY: '60000' });

/** What publishTraced hands to the broker's publisher. */
async function published(envelope: Envelope): Promise<Envelope> {
  let sent: Envelope | undefined;
  await publishTraced(envelope, async (traced) => {
    sent = traced;
  });
  return sent!;
}

describe('a message published within a traced piece of work', () => {
  it('carries a traceparent of the same trace, whose parent is the publication’s own span, beside its other headers', async () => {
    await inSpan('POST /appointments', { kind: SpanKind.SERVER }, async (span) => {
      const traceId = span.spanContext().traceId;
      const envelope = await published({ routingKey: 'appointment.booking-commands', headers: { 'x-request-id': traceId } });
      assert.equal(envelope.headers?.['x-request-id'], traceId);
      const carried = extractTraceContext(envelope.headers);
      assert.equal(traceIdOf(carried), traceId);
      // The consumer's span will be the child of the PRODUCER span, not of the request's.
      assert.notEqual(activeTraceContext(), carried);
      assert.match(String(envelope.headers?.traceparent), new RegExp(`^00-${traceId}-(?!${span.spanContext().spanId})[0-9a-f]{16}-01$`));
    });
  });

  it('is sent as it is outside any trace (a periodic job’s)', async () => {
    const envelope = { routingKey: 'appointment.waitlist-offers', headers: { 'x-request-id': 'lapse:1' } };
    assert.deepEqual(await published(envelope), envelope);
  });
});

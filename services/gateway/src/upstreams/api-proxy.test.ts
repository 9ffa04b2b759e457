import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inSpan, SpanKind, startTracing } from '@clinic/service-kit';
import { requestForwarding } from './api-proxy.ts';

// The SDK as the gateway runs it; its exports would go to a port nobody listens on (the test ends
// before the first batch is due), which is all the same here.
startTracing('api-proxy-test', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_BSP_SCHEDULE_DELAY: '60000' });

const CLIENT_TRACEPARENT = `00-${'1'.repeat(32)}-${'ab'.repeat(8)}-01`;
const connection = { id: 'request-1', ip: '192.0.2.7', protocol: 'http' };
const { rewriteRequestHeaders } = requestForwarding(undefined);

describe('a request passed on to a service', () => {
  it('carries the trace context of the gateway’s span for it, not the client’s', async () => {
    await inSpan('GET /api/doctors', { kind: SpanKind.SERVER }, async (span) => {
      const { traceId, spanId } = span.spanContext();
      const headers = rewriteRequestHeaders(connection, {
        traceparent: CLIENT_TRACEPARENT,
        tracestate: 'vendor=1',
        accept: 'application/json',
      });
      assert.equal(headers.traceparent, `00-${traceId}-${spanId}-01`);
      assert.equal(headers.tracestate, undefined);
      assert.equal(headers['x-request-id'], 'request-1');
      assert.equal(headers.accept, 'application/json');
    });
  });

  it('outside any trace (tracing off), carries none, and never the client’s', () => {
    const headers = rewriteRequestHeaders(connection, { traceparent: CLIENT_TRACEPARENT });
    assert.equal(headers.traceparent, undefined);
  });
});

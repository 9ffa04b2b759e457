import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import {
  extractTraceContext,
  injectTraceHeaders,
  newTraceId,
  traceContextOf,
  traceIdOf,
  traceparentOf,
  tracedRequestContext,
} from './trace-context.ts';
import { namesItsTraceContext, samplerFromEnvironment, tracesUrl } from './tracing.ts';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;

const spanContextIn = (traceId: string, spanId: string) =>
  trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true });

describe('W3C trace context in headers', () => {
  it('writes the span of a context as a traceparent header, beside the headers already there', () => {
    const headers = injectTraceHeaders({ 'x-request-id': TRACE_ID }, spanContextIn(TRACE_ID, SPAN_ID));
    assert.deepEqual(headers, { 'x-request-id': TRACE_ID, traceparent: TRACEPARENT });
  });

  it('writes nothing for a context in no trace', () => {
    assert.deepEqual(injectTraceHeaders({}, ROOT_CONTEXT), {});
  });

  it('reads the trace and the parent span from a traceparent header, whatever its case, also from a Buffer (AMQP)', () => {
    for (const headers of [{ traceparent: TRACEPARENT }, { Traceparent: TRACEPARENT }, { traceparent: Buffer.from(TRACEPARENT) }]) {
      const spanContext = trace.getSpanContext(extractTraceContext(headers));
      assert.equal(spanContext?.traceId, TRACE_ID);
      assert.equal(spanContext?.spanId, SPAN_ID);
      assert.equal(spanContext?.traceFlags, TraceFlags.SAMPLED);
      assert.equal(spanContext?.isRemote, true);
    }
  });

  it('keeps what it read through a second hop: extract then inject gives the same header back', () => {
    assert.equal(traceparentOf(extractTraceContext({ traceparent: TRACEPARENT })), TRACEPARENT);
  });

  it('takes a malformed or missing traceparent for no trace at all', () => {
    for (const headers of [
      undefined,
      {},
      { traceparent: 'nonsense' },
      { traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` },
      { traceparent: `00-${TRACE_ID}-${'0'.repeat(16)}-01` },
      { traceparent: 42 },
    ]) {
      assert.equal(traceIdOf(extractTraceContext(headers)), undefined, JSON.stringify(headers));
    }
  });
});

describe('the outbox’s stored trace context', () => {
  it('is the traceparent of the work that recorded the event, and leads back to the same trace', () => {
    const stored = traceparentOf(spanContextIn(TRACE_ID, SPAN_ID));
    assert.equal(stored, TRACEPARENT);
    assert.equal(traceIdOf(traceContextOf(stored)), TRACE_ID);
  });

  it('is null outside any trace, and a null one gives no context', () => {
    assert.equal(traceparentOf(ROOT_CONTEXT), null);
    assert.equal(traceparentOf(undefined), null);
    assert.equal(traceContextOf(null), undefined);
    assert.equal(traceContextOf('garbage'), undefined);
  });
});

describe('the request id of traced work', () => {
  it('is the trace id unless the caller chose one', () => {
    assert.equal(tracedRequestContext(undefined, spanContextIn(TRACE_ID, SPAN_ID)).requestId, TRACE_ID);
    assert.equal(tracedRequestContext('chosen-by-the-caller', spanContextIn(TRACE_ID, SPAN_ID)).requestId, 'chosen-by-the-caller');
  });

  it('is a new trace id when the work is in no trace', () => {
    assert.match(tracedRequestContext(undefined, ROOT_CONTEXT).requestId, /^[0-9a-f]{32}$/);
    assert.notEqual(newTraceId(), newTraceId());
  });
});

describe('tracing configuration from the standard variables', () => {
  it('sends spans to the OTLP endpoint’s traces path, or nowhere without one', () => {
    assert.equal(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318' }), 'http://jaeger:4318/v1/traces');
    assert.equal(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318/' }), 'http://jaeger:4318/v1/traces');
    assert.equal(
      tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/v1/traces' }),
      'http://b:4318/v1/traces',
    );
    assert.equal(tracesUrl({}), undefined);
  });

  it('samples every trace by default, following the caller’s choice; a ratio keeps that share of new traces', () => {
    assert.match(samplerFromEnvironment({}).toString(), /ParentBased\{root=AlwaysOnSampler/);
    const ratio = samplerFromEnvironment({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' });
    assert.match(ratio.toString(), /ParentBased\{root=TraceIdRatioBased\{0.25\}/);
    assert.match(samplerFromEnvironment({ OTEL_TRACES_SAMPLER: 'always_off' }).toString(), /AlwaysOffSampler/);
    // A ratio that is no ratio keeps everything rather than silently nothing.
    assert.match(samplerFromEnvironment({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: 'lots' }).toString(), /\{1\}/);
  });
});

describe('outgoing calls that name their own trace context (the gateway passing a request on)', () => {
  it('are told from the headers undici gives, as raw lines or as name, value pairs, whatever the case', () => {
    assert.equal(namesItsTraceContext(`host: doctor-service\r\ntraceparent: ${TRACEPARENT}\r\n`), true);
    assert.equal(namesItsTraceContext(`Traceparent: ${TRACEPARENT}\r\n`), true);
    assert.equal(namesItsTraceContext(['x-request-id', TRACE_ID, 'traceparent', TRACEPARENT]), true);
    assert.equal(namesItsTraceContext(['TraceParent', Buffer.from(TRACEPARENT)]), true);
  });

  it('are not the calls a service makes on its own (their span is the client’s)', () => {
    assert.equal(namesItsTraceContext('host: user-service\r\nx-request-id: abc\r\n'), false);
    // A header that merely mentions the name is not the header.
    assert.equal(namesItsTraceContext('x-note: traceparent: none\r\n'), false);
    assert.equal(namesItsTraceContext(['x-request-id', 'traceparent']), false);
    assert.equal(namesItsTraceContext(undefined), false);
  });
});

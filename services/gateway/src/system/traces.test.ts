import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JaegerSpan, JaegerTrace } from './jaeger-client.ts';
import { safeAttributes, toSystemTrace } from './traces.ts';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const at = Date.parse('2026-12-06T10:00:00Z') * 1000;

function span(
  spanID: string,
  parent: string | undefined,
  processID: string,
  operationName: string,
  offset: number,
  duration: number,
  tags: JaegerSpan['tags'] = [],
): JaegerSpan {
  return {
    traceID: TRACE,
    spanID,
    operationName,
    references: parent ? [{ refType: 'CHILD_OF', traceID: TRACE, spanID: parent }] : [],
    startTime: at + offset,
    duration,
    tags,
    processID,
  };
}

const trace: JaegerTrace = {
  traceID: TRACE,
  processes: {
    p1: { serviceName: 'gateway', tags: [{ key: 'host.name', value: 'clinic' }] },
    p2: { serviceName: 'appointment-service', tags: [{ key: 'service.instance.id', value: 'appointment-service-2' }] },
  },
  spans: [
    span('c', 'b', 'p2', 'pg INSERT', 300, 50, [
      { key: 'db.system.name', value: 'postgresql' },
      { key: 'db.query.text', value: "INSERT INTO appointments VALUES ('ana@example.com')" },
      { key: 'otel.status_code', value: 'ERROR' },
    ]),
    span('b', 'a', 'p2', 'POST /appointments', 100, 400, [
      { key: 'span.kind', value: 'server' },
      { key: 'http.route', value: '/appointments' },
      { key: 'http.response.status_code', value: 201 },
    ]),
    span('d', 'a', 'p1', 'GET', 120, 10, [{ key: 'url.full', value: 'http://user-service/users?email=ana@example.com' }]),
    span('a', undefined, 'p1', 'POST /api/appointments', 0, 1000, [{ key: 'span.kind', value: 'server' }]),
  ],
};

describe('a request’s trace for the System page', () => {
  it('times each span from the trace’s start and lists each one after the span it is part of', () => {
    const shown = toSystemTrace(trace);
    assert.equal(shown.trace_id, TRACE);
    assert.equal(shown.started_at, '2026-12-06T10:00:00.000Z');
    assert.equal(shown.duration_us, 1000);
    assert.deepEqual(
      shown.spans.map((s) => [s.span_id, s.parent_id, s.service, s.instance, s.start_us, s.duration_us, s.error]),
      [
        ['a', null, 'gateway', null, 0, 1000, false],
        ['b', 'a', 'appointment-service', 'appointment-service-2', 100, 400, false],
        ['c', 'b', 'appointment-service', 'appointment-service-2', 300, 50, true],
        ['d', 'a', 'gateway', null, 120, 10, false],
      ],
    );
    assert.deepEqual(shown.spans[1]!.attributes, { 'http.route': '/appointments', 'http.response.status_code': 201 });
    assert.equal(shown.spans[1]!.kind, 'server');
  });

  it('never shows a statement’s text or a URL, only the query’s keyword', () => {
    const shown = JSON.stringify(toSystemTrace(trace));
    assert.doesNotMatch(shown, /ana@example\.com|INSERT INTO|url\.full/);
    assert.deepEqual(safeAttributes(trace.spans[0]!), { 'db.system.name': 'postgresql', 'db.operation.name': 'INSERT' });
  });

  it('makes a root of a span whose parent has not arrived', () => {
    const shown = toSystemTrace({ ...trace, spans: [span('x', 'gone', 'p1', 'process booking.commands', 0, 5)] });
    assert.deepEqual(
      shown.spans.map((s) => [s.span_id, s.parent_id]),
      [['x', null]],
    );
  });
});

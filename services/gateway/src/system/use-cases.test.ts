import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SYSTEM_PANELS } from '@clinic/contracts';
import type { PrometheusClient } from './prometheus-client.ts';
import { PANEL_QUERIES, toSeries } from './queries.ts';
import { systemOverview, toFiringAlerts, toReplicas } from './use-cases.ts';

describe('the System page’s figures', () => {
  it('leave out the minutes without a value (a quantile of no bookings is NaN, which JSON cannot carry)', () => {
    const series = toSeries({
      resultType: 'matrix',
      result: [
        {
          metric: {},
          values: [
            [60, 'NaN'],
            [120, '0.25'],
            [180, '+Inf'],
            [240, '0.5'],
          ],
        },
      ],
    });
    assert.deepEqual(series, [
      {
        labels: {},
        points: [
          [120, 0.25],
          [240, 0.5],
        ],
      },
    ]);
  });

  it('list each scraped process as up or down, by job then instance', () => {
    const replicas = toReplicas({
      resultType: 'vector',
      result: [
        { metric: { __name__: 'up', job: 'gateway', instance: 'gateway' }, value: [1, '1'] },
        { metric: { __name__: 'up', job: 'appointment-service', instance: 'appointment-service-2' }, value: [1, '0'] },
        { metric: { __name__: 'up', job: 'appointment-service', instance: 'appointment-service-1' }, value: [1, '1'] },
      ],
    });
    assert.deepEqual(replicas, [
      { job: 'appointment-service', instance: 'appointment-service-1', up: true },
      { job: 'appointment-service', instance: 'appointment-service-2', up: false },
      { job: 'gateway', instance: 'gateway', up: true },
    ]);
  });

  it('keep the firing alerts, not the pending ones, with their summary and what they are about', () => {
    const alerts = toFiringAlerts([
      {
        labels: { alertname: 'ReplicaDown', severity: 'critical', job: 'gateway', instance: 'gateway' },
        annotations: { summary: 'gateway (gateway) does not answer', description: 'Read its log.' },
        state: 'firing',
        activeAt: '2026-12-06T10:00:00.123456789Z',
      },
      { labels: { alertname: 'OutboxLagging', severity: 'warning', job: 'user-service' }, annotations: {}, state: 'pending' },
    ]);
    assert.deepEqual(alerts, [
      {
        name: 'ReplicaDown',
        severity: 'critical',
        summary: 'gateway (gateway) does not answer',
        description: 'Read its log.',
        labels: { job: 'gateway', instance: 'gateway' },
        active_since: '2026-12-06T10:00:00.123Z',
      },
    ]);
  });

  it('ask Prometheus only the fixed queries, over the last hour a minute apart', async () => {
    const asked: Array<{ query: string; start: number; end: number; step: number }> = [];
    const prometheus: PrometheusClient = {
      queryRange: (query, start, end, step) => {
        asked.push({ query, start, end, step });
        return Promise.resolve({ resultType: 'matrix', result: [] });
      },
      query: () => Promise.resolve({ resultType: 'vector', result: [] }),
      alerts: () => Promise.resolve([]),
    };
    const now = Date.parse('2026-12-06T10:30:42Z');
    const overview = await systemOverview(prometheus, () => now).overview();
    assert.deepEqual(
      asked.map((a) => a.query),
      SYSTEM_PANELS.map((panel) => PANEL_QUERIES[panel]),
    );
    assert.deepEqual(new Set(asked.map((a) => `${a.end - a.start}/${a.step}`)), new Set(['3600/60']));
    assert.deepEqual(overview.range, { start: '2026-12-06T09:30:00.000Z', end: '2026-12-06T10:30:00.000Z', step_seconds: 60 });
    assert.deepEqual(Object.keys(overview.panels), [...SYSTEM_PANELS]);
  });
});

import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { Type } from 'typebox';
import { createHttpServer, type App } from './http.ts';
import { gaugeAtScrape, metricsRegistry, sharedRead, startMetricsServer } from './metrics.ts';

/** The value of one series in the registry's text, or undefined when it is not there. */
async function valueOf(series: string): Promise<number | undefined> {
  const text = await metricsRegistry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('HTTP metrics', () => {
  let app: App;
  before(async () => {
    app = await createHttpServer({ name: 'metrics-test', description: 'metrics', logger: pino({ level: 'silent' }), bodyLimit: 1024 });
    app.get('/things/:id', { schema: { params: Type.Object({ id: Type.String({ pattern: '^[0-9]+$' }) }) } }, async () => ({ ok: true }));
    await app.ready();
  });
  after(() => app.close());

  it('counts requests by the route’s pattern and status, never by the URL with its ids', async () => {
    const ok = 'clinic_http_requests_total{method="GET",route="/things/:id",status="200"}';
    const bad = 'clinic_http_requests_total{method="GET",route="/things/:id",status="400"}';
    const before = (await valueOf(ok)) ?? 0;
    await app.inject({ url: '/things/1' });
    await app.inject({ url: '/things/2' });
    await app.inject({ url: '/things/x' });
    assert.equal(await valueOf(ok), before + 2);
    assert.equal(await valueOf(bad), 1);
    const text = await metricsRegistry.metrics();
    assert.doesNotMatch(text, /\/things\/1/);
    assert.match(text, /clinic_http_request_duration_seconds_count\{method="GET",route="\/things\/:id"\} \d+/);
  });

  it('puts every unmatched URL under one route label', async () => {
    await app.inject({ url: '/nowhere/123' });
    await app.inject({ url: '/elsewhere' });
    assert.equal(await valueOf('clinic_http_requests_total{method="GET",route="unmatched",status="404"}'), 2);
    assert.doesNotMatch(await metricsRegistry.metrics(), /nowhere|elsewhere/);
  });
});

describe('gaugeAtScrape', () => {
  it('reads its value at each scrape, and keeps the last one when a read fails', async () => {
    let next: () => Promise<number> = async () => 7;
    gaugeAtScrape({ name: 'test_scraped_value', help: 'test' }, async (gauge) => gauge.set(await next()));
    assert.equal(await valueOf('test_scraped_value'), 7);
    next = async () => 9;
    assert.equal(await valueOf('test_scraped_value'), 9);
    next = () => Promise.reject(new Error('database down'));
    assert.equal(await valueOf('test_scraped_value'), 9);
  });

  it('gives up a read that hangs, so the scrape still answers', async () => {
    gaugeAtScrape({ name: 'test_scraped_hanging', help: 'test' }, () => new Promise(() => {}));
    const started = Date.now();
    assert.equal(await valueOf('test_scraped_hanging'), 0);
    assert.ok(Date.now() - started < 5_000);
    // Every later scrape would wait for it too.
    metricsRegistry.removeSingleMetric('test_scraped_hanging');
  });

  it('replaces the read when declared again (the app built again)', async () => {
    gaugeAtScrape({ name: 'test_scraped_again', help: 'test' }, async (gauge) => gauge.set(1));
    gaugeAtScrape({ name: 'test_scraped_again', help: 'test' }, async (gauge) => gauge.set(2));
    assert.equal(await valueOf('test_scraped_again'), 2);
  });
});

describe('sharedRead', () => {
  it('lets the callers of one scrape share one read, and reads anew afterwards', async () => {
    let reads = 0;
    const read = sharedRead(async () => {
      reads += 1;
      await sleep(10);
      return reads;
    });
    assert.deepEqual(await Promise.all([read(), read(), read()]), [1, 1, 1]);
    assert.equal(await read(), 2);
  });
});

describe('the metrics listener', () => {
  let listener: { close(): Promise<void> };
  let port: number;
  before(async () => {
    // A free port: listen on 0 through a throwaway server, then use its number.
    port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    listener = await startMetricsServer({ host: '127.0.0.1', port });
  });
  after(() => listener.close());

  it('answers GET /metrics in Prometheus text, with the process’s default metrics', async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await answer.text();
    assert.match(text, /^process_resident_memory_bytes \d+/m);
    assert.match(text, /^# TYPE clinic_http_requests_total counter$/m);
  });

  it('answers anything else with 404', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/health'],
      ['POST', '/metrics'],
      ['GET', '/metrics/x'],
    ] as const) {
      const answer = await fetch(`http://127.0.0.1:${port}${path}`, { method });
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.doesNotMatch(await answer.text(), /clinic_/);
    }
  });
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHttpServer, createLogger, type App } from '@clinic/service-kit';
import { CONTENT_SECURITY_POLICY, serveWebApp } from './web-app.ts';

describe('the gateway serving the web app', () => {
  let app: App;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'web-root-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await createHttpServer({ name: 'gateway', description: 'test', logger: createLogger('gateway', 'silent'), bodyLimit: 1024 });
    await serveWebApp(app, root, CONTENT_SECURITY_POLICY);
    app.get('/api/known', async () => ({ ok: true }));
    await app.ready();
  });
  after(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers / with index.html, revalidated on every load, under the content security policy', async () => {
    const answer = await app.inject({ url: '/' });
    assert.equal(answer.statusCode, 200);
    assert.match(answer.body, /<title>app<\/title>/);
    assert.equal(answer.headers['cache-control'], 'no-cache');
    assert.equal(answer.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
  });

  it('caches hashed assets for a year as immutable', async () => {
    const answer = await app.inject({ url: '/assets/index-abc123.js' });
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('answers the app’s own routes (deep links) with index.html', async () => {
    for (const url of ['/doctors/123', '/appointments?tab=history', '/admin/users']) {
      const answer = await app.inject({ url });
      assert.equal(answer.statusCode, 200, url);
      assert.match(answer.body, /<title>app<\/title>/, url);
      assert.equal(answer.headers['cache-control'], 'no-cache', url);
    }
  });

  it('leaves /api and /auth to their routes, and answers a missing file with 404', async () => {
    assert.deepEqual((await app.inject({ url: '/api/known' })).json(), { ok: true });
    for (const url of ['/api/unknown', '/auth/realms/x', '/assets/gone-123.js', '/gone.ico']) {
      const answer = await app.inject({ url });
      assert.equal(answer.statusCode, 404, url);
      assert.equal(answer.json().error.code, 'ROUTE_NOT_FOUND', url);
    }
    assert.equal((await app.inject({ method: 'POST', url: '/doctors' })).statusCode, 404);
  });

  it('answers /metrics with 404, not the app: metrics are never on the public port', async () => {
    for (const url of ['/metrics', '/metrics/', '/metrics?name=x']) {
      const answer = await app.inject({ url });
      assert.equal(answer.statusCode, 404, url);
      assert.equal(answer.json().error.code, 'ROUTE_NOT_FOUND', url);
    }
  });

  it('answers /favicon.ico with the clinic’s icon: a 32×32 ICO, the calendar blue with the white cross', async () => {
    const answer = await app.inject({ url: '/favicon.ico' });
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.headers['content-type'], 'image/x-icon');
    const ico = answer.rawPayload;
    // ICONDIR: reserved 0, type 1 (icon), one image; its entry: 32×32, 32 bits per pixel, the bitmap from byte 22.
    assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)], [0, 1, 1]);
    assert.deepEqual([ico[6], ico[7], ico.readUInt16LE(12)], [32, 32, 32]);
    const size = ico.readUInt32LE(14);
    assert.equal(ico.readUInt32LE(18) + size, ico.length);
    // The pixel (column, row) counted from the top; the bitmap's rows run bottom up, BGRA.
    const pixel = (column: number, row: number) => {
      const at = 22 + 40 + ((31 - row) * 32 + column) * 4;
      return [ico[at + 2], ico[at + 1], ico[at], ico[at + 3]];
    };
    assert.deepEqual(pixel(16, 21), [255, 255, 255, 255], 'the cross');
    assert.deepEqual(pixel(6, 26), [0x0b, 0x5c, 0x8a, 255], 'the calendar');
    assert.equal(pixel(0, 0)[3], 0, 'a transparent corner');
  });
});

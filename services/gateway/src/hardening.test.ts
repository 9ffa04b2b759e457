import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHttpServer, createLogger, loadConfig, type App } from '@clinic/service-kit';
import { configSchema } from './config.ts';
import { harden, subjectOf } from './hardening.ts';

/** An unsigned token with the given subject: the gateway only reads it to pick a rate-limit bucket. */
const tokenOf = (sub: string) =>
  ['{"alg":"RS256"}', JSON.stringify({ sub })].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.c2ln';

async function hardenedApp(env: Record<string, string>): Promise<App> {
  const config = loadConfig(configSchema, { USER_SERVICE_URL: 'http://127.0.0.1:1', KEYCLOAK_URL: 'http://127.0.0.1:1/auth', ...env });
  const app = await createHttpServer({ name: 'gateway', description: 'test', logger: createLogger('gateway', 'silent'), bodyLimit: 1024 });
  await harden(app, config);
  app.get('/api/things', async () => ({ ok: true }));
  app.post('/api/things', async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('gateway hardening', () => {
  let app: App;
  before(async () => {
    app = await hardenedApp({ PUBLIC_URL: 'http://clinic.example:8080', WRITE_RATE_LIMIT_PER_MINUTE: '3', REQUEST_TIMEOUT_MS: '20000' });
  });
  after(() => app.close());

  it('sends the security headers on every answer, a 404 included', async () => {
    for (const url of ['/api/things', '/api/nothing-here']) {
      const answer = await app.inject({ url });
      assert.equal(answer.headers['x-content-type-options'], 'nosniff');
      assert.equal(answer.headers['x-frame-options'], 'SAMEORIGIN');
      assert.equal(answer.headers['referrer-policy'], 'no-referrer');
      assert.equal(answer.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
    }
  });

  it('adds HSTS when the request came over TLS through a proxy', async () => {
    const answer = await app.inject({ url: '/api/things', headers: { 'x-forwarded-proto': 'https' } });
    assert.match(String(answer.headers['strict-transport-security']), /^max-age=\d+/);
  });

  it('allows the configured public origin alone for cross-origin calls', async () => {
    const allowed = await app.inject({ url: '/api/things', headers: { origin: 'http://clinic.example:8080' } });
    assert.equal(allowed.headers['access-control-allow-origin'], 'http://clinic.example:8080');
    const refused = await app.inject({ url: '/api/things', headers: { origin: 'http://evil.example' } });
    assert.equal(refused.headers['access-control-allow-origin'], undefined);
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/things',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  });

  it('limits each user’s writes per minute, by token subject, and leaves reads alone', async () => {
    const post = (sub: string) => app.inject({ method: 'POST', url: '/api/things', headers: { authorization: `Bearer ${tokenOf(sub)}` } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('alice')).statusCode);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const limited = await post('alice');
    assert.equal(limited.json().error.code, 'RATE_LIMITED');
    assert.equal((await post('bob')).statusCode, 200, 'another user has a budget of their own');
    const reads = [];
    for (let i = 0; i < 5; i++)
      reads.push((await app.inject({ url: '/api/things', headers: { authorization: `Bearer ${tokenOf('alice')}` } })).statusCode);
    assert.deepEqual(reads, [200, 200, 200, 200, 200]);
  });

  it('gives slow clients a bounded time to send their request', () => {
    assert.equal(app.server.requestTimeout, 20_000);
    assert.equal(app.server.headersTimeout, 10_000);
    assert.ok(app.server.timeout > 0);
  });

  it('reads the subject of a bearer token and nothing else', () => {
    assert.equal(subjectOf(`Bearer ${tokenOf('user-1')}`), 'user-1');
    assert.equal(subjectOf('Bearer not-a-token'), undefined);
    assert.equal(subjectOf('Basic dXNlcjpwYXNz'), undefined);
    assert.equal(subjectOf(undefined), undefined);
  });
});

describe('gateway without a public URL', () => {
  it('allows no cross-origin call', async () => {
    const app = await hardenedApp({});
    const answer = await app.inject({ url: '/api/things', headers: { origin: 'http://localhost:5173' } });
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
    await app.close();
  });
});

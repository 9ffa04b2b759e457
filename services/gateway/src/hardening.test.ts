import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createAuthenticator, createHttpServer, createLogger, loadConfig, type App } from '@clinic/service-kit';
import { configSchema } from './config.ts';
import { harden } from './hardening.ts';

const ISSUER = 'http://clinic.example:8080/auth/realms/clinic';
const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** An RS256 token for `sub`, signed with `key` (the identity server's, or a forger's). */
function tokenOf(sub: string, key: KeyObject = trusted.privateKey) {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub, iss: ISSUER, aud: 'clinic-api', exp: Math.floor(Date.now() / 1000) + 300 })}`;
  return `${body}.${sign('sha256', Buffer.from(body), key).toString('base64url')}`;
}

// The gateway's verification, with the identity server's public key given directly instead of fetched.
const tokens = createAuthenticator({
  issuer: ISSUER,
  audience: 'clinic-api',
  jwksUrl: 'http://127.0.0.1:1/unused',
  keys: async () => trusted.publicKey,
});

async function hardenedApp(env: Record<string, string>): Promise<App> {
  const config = loadConfig(configSchema, {
    USER_SERVICE_URL: 'http://127.0.0.1:1',
    KEYCLOAK_URL: 'http://127.0.0.1:1/auth',
    JWT_ISSUER: ISSUER,
    ...env,
  });
  const app = await createHttpServer({ name: 'gateway', description: 'test', logger: createLogger('gateway', 'silent'), bodyLimit: 1024 });
  await harden(app, config, (token) => tokens.verify(token).then((principal) => principal.id));
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

  it('counts writes with a forged token against the address, whatever subject each one claims', async () => {
    const forged = (n: number) =>
      app.inject({
        method: 'POST',
        url: '/api/things',
        remoteAddress: '203.0.113.7',
        headers: { authorization: `Bearer ${tokenOf(`forged-${n}`, stranger.privateKey)}` },
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await forged(i)).statusCode);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
  });

  it('gives slow clients a bounded time to send their request', () => {
    assert.equal(app.server.requestTimeout, 20_000);
    assert.equal(app.server.headersTimeout, 10_000);
    assert.ok(app.server.timeout > 0);
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

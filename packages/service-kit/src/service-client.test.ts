import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { closedPort } from '../../../tests/support/net.ts';
import { AppError } from './errors.ts';
import { callService, forwardError, serviceTokenSource, tokenUse } from './service-client.ts';

const isUnavailable = (error: unknown) => error instanceof AppError && error.statusCode === 503 && error.code === 'UNAVAILABLE';

describe('callService against a real HTTP server', () => {
  let server: FastifyInstance;
  let base: string;
  /** The answers the server gives, one per request in order; the last one repeats. */
  let script: Array<'ok' | '503' | '500' | '404' | 'drop' | 'slow'>;
  let seen: Array<{ method: string; authorization?: string }>;

  before(async () => {
    server = Fastify();
    server.all('/thing', async (request, reply) => {
      seen.push({ method: request.method, authorization: request.headers.authorization });
      const step = script[Math.min(seen.length, script.length) - 1];
      if (step === 'drop') return request.raw.socket.destroy();
      if (step === 'slow') await sleep(500);
      if (step === '503') return reply.status(503).send({ error: { code: 'UNAVAILABLE', message: 'restarting' } });
      if (step === '500') return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal error' } });
      if (step === '404') return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Thing not found' } });
      return { answer: 42 };
    });
    base = await server.listen({ host: '127.0.0.1', port: 0 });
  });

  after(() => server.close());

  beforeEach(() => {
    seen = [];
    script = ['ok'];
  });

  const call = (options: Parameters<typeof callService>[1] = {}) =>
    callService<{ answer: number }>(`${base}/thing`, { retryDelayMs: 1, token: 'service-token', ...options });

  it('answers a GET that succeeds at once, with the bearer token sent', async () => {
    assert.deepEqual(await call(), { status: 200, body: { answer: 42 } });
    assert.deepEqual(seen, [{ method: 'GET', authorization: 'Bearer service-token' }]);
  });

  it('retries a GET answered 503 and returns the answer that follows', async () => {
    script = ['503', '503', 'ok'];
    assert.deepEqual(await call(), { status: 200, body: { answer: 42 } });
    assert.equal(seen.length, 3);
    assert.ok(
      seen.every((request) => request.authorization === 'Bearer service-token'),
      'every attempt carries the token',
    );
  });

  it('gives up after the attempts allowed, answering 503 UNAVAILABLE', async () => {
    script = ['503'];
    await assert.rejects(call(), isUnavailable);
    assert.equal(seen.length, 3, 'three attempts by default');
    seen = [];
    await assert.rejects(call({ attempts: 5 }), isUnavailable);
    assert.equal(seen.length, 5);
    seen = [];
    await assert.rejects(call({ attempts: 1 }), isUnavailable);
    assert.equal(seen.length, 1);
  });

  it('retries a GET whose connection was dropped before any answer', async () => {
    script = ['drop', 'ok'];
    assert.deepEqual(await call(), { status: 200, body: { answer: 42 } });
    assert.equal(seen.length, 2);
  });

  it('never retries a PUT, POST or DELETE, which may have taken effect', async () => {
    for (const method of ['PUT', 'POST', 'DELETE']) {
      seen = [];
      script = ['503', 'ok'];
      await assert.rejects(call({ method, body: { role: 'DOCTOR' } }), isUnavailable, method);
      assert.equal(seen.length, 1, method);
      seen = [];
      script = ['drop', 'ok'];
      await assert.rejects(call({ method }), isUnavailable, method);
      assert.equal(seen.length, 1, method);
    }
  });

  it('does not retry a 500 (a bug there, not a passing outage) but still answers 503 to our caller', async () => {
    script = ['500', 'ok'];
    await assert.rejects(call(), isUnavailable);
    assert.equal(seen.length, 1);
  });

  it('does not retry a timeout: its time is spent already', async () => {
    script = ['slow', 'ok'];
    await assert.rejects(call({ timeoutMs: 50 }), isUnavailable);
    assert.equal(seen.length, 1);
  });

  it('returns a 4xx answer as it is, once, for the caller to decide (forwardError raises it as ours)', async () => {
    script = ['404'];
    const result = await call();
    assert.equal(result.status, 404);
    assert.equal(seen.length, 1);
    assert.throws(
      () => forwardError(result),
      (error: unknown) => error instanceof AppError && error.statusCode === 404 && error.code === 'NOT_FOUND',
    );
  });

  it('sends one call after another over the same kept-alive connection, retries and error answers included', async () => {
    let opened = 0;
    const count = () => opened++;
    server.server.on('connection', count);
    try {
      for (let i = 0; i < 10; i++) {
        script = ['503', 'ok'];
        seen = [];
        assert.equal((await call()).status, 200);
        script = ['404'];
        seen = [];
        assert.equal((await call({ method: 'PUT', body: { n: i } })).status, 404);
      }
    } finally {
      server.server.off('connection', count);
    }
    // A connection left open by an earlier test may be the one reused.
    assert.ok(opened <= 1, `${opened} connections opened for 30 requests`);
  });

  it('answers 503 naming the host when nothing listens, after retrying', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/thing`;
    await assert.rejects(
      callService(url, { retryDelayMs: 1 }),
      (error: unknown) => isUnavailable(error) && /unreachable/.test((error as Error).message),
    );
  });
});

describe("the service's own token while Keycloak restarts", () => {
  let server: FastifyInstance;
  let tokenUrl: string;
  let issued: number;
  let keycloakUp: boolean;

  before(async () => {
    server = Fastify();
    server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    server.post('/token', async (_request, reply) => {
      if (!keycloakUp) return reply.status(503).send('starting');
      issued += 1;
      return { access_token: `token-${issued}`, expires_in: 300 };
    });
    tokenUrl = `${await server.listen({ host: '127.0.0.1', port: 0 })}/token`;
  });
  after(() => server.close());
  beforeEach(() => {
    issued = 0;
    keycloakUp = true;
  });

  const source = () => {
    let clock = 0;
    const token = serviceTokenSource({ tokenUrl, clientId: 'clinic-services', clientSecret: 'secret' }, () => clock);
    return { token, at: (seconds: number) => (clock = seconds * 1000) };
  };

  it('keeps sending a token until half its lifetime, then renews it', async () => {
    const { token, at } = source();
    assert.equal(await token(), 'token-1');
    at(149);
    assert.equal(await token(), 'token-1');
    at(151);
    assert.equal(await token(), 'token-2');
    assert.equal(issued, 2);
  });

  it('sends the still valid token when a renewal finds Keycloak down, and renews once it is back', async () => {
    const { token, at } = source();
    await token();
    keycloakUp = false;
    at(280); // a 300 s token: renewal due, Keycloak down for the last 130 s
    assert.equal(await token(), 'token-1');
    keycloakUp = true;
    at(285);
    assert.equal(await token(), 'token-2');
  });

  it('answers 503 once the token has expired and Keycloak is still down', async () => {
    const { token, at } = source();
    await token();
    keycloakUp = false;
    at(291);
    await assert.rejects(token(), isUnavailable);
  });

  it('decides from the clock alone: send, renew, fetch', () => {
    const cached = { token: 't', renewAt: 150_000, usableUntil: 290_000 };
    assert.equal(tokenUse(undefined, 0), 'fetch');
    assert.equal(tokenUse(cached, 149_999), 'send');
    assert.equal(tokenUse(cached, 150_000), 'renew');
    assert.equal(tokenUse(cached, 290_000), 'fetch');
  });
});

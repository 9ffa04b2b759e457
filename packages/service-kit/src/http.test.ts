import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { Type } from 'typebox';
import { RegisterRequest } from '@clinic/contracts';
import { conflict, notFound } from './errors.ts';
import { createHttpServer, type App } from './http.ts';

/** A logger that keeps its JSON lines, to tell what the logs say about a failure. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

describe('the central error handler', () => {
  let app: App;
  const { logger, lines } = capturedLogger();
  let databaseUp = true;

  before(async () => {
    app = await createHttpServer({
      name: 'errors-test',
      description: 'error mapping',
      logger,
      bodyLimit: 1024,
      readiness: {
        database: async () => {
          if (!databaseUp) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        },
      },
      optionalReadiness: { documentStore: () => Promise.reject(new Error('MinIO is down')) },
    });
    app.post(
      '/things',
      { schema: { body: Type.Object({ name: Type.String({ minLength: 1 }), count: Type.Integer() }, { additionalProperties: false }) } },
      async (request) => request.body,
    );
    app.get(
      '/things/:id',
      {
        schema: {
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          querystring: Type.Object({ n: Type.Integer({ maximum: 10 }) }),
        },
      },
      async () => ({ ok: true }),
    );
    app.post('/register', { schema: { body: RegisterRequest } }, async (request) => request.body);
    app.get('/links/:token', { schema: { params: Type.Object({ token: Type.String({ maxLength: 1_000 }) }) } }, async (request) => ({
      length: request.params.token.length,
    }));
    app.get('/missing', async () => {
      throw notFound('Thing');
    });
    app.get('/taken', async () => {
      throw conflict('SLOT_TAKEN', 'The slot is taken', { nearest: ['2026-03-02T09:00:00+02:00'] });
    });
    app.get('/bug', async () => {
      // An internal detail that must reach the log but never the client.
      throw new TypeError("Cannot read properties of undefined (reading 'secret_column')");
    });
    app.get('/database-down', async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' });
    });
    app.get('/database-restarting', async () => {
      throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    });
    await app.ready();
  });

  after(() => app.close());

  it('answers a body that fails its schema with 400 VALIDATION_FAILED and where it failed', async () => {
    const answer = await app.inject({ method: 'POST', url: '/things', payload: { name: '', count: 'three' } });
    assert.equal(answer.statusCode, 400);
    const { error } = answer.json();
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.match(error.message, /^Invalid body: /);
    assert.deepEqual(error.details.map((d: { path: string }) => d.path).sort(), ['/count', '/name']);
    assert.ok(error.details.every((d: { message: unknown }) => typeof d.message === 'string'));
  });

  it('refuses a name holding a bidi override, a direction mark or a control character, saying so in words', async () => {
    const names = ['Ana\u202Emoc.live', 'Ana\u2066Pop', 'Ana\u200FPop', 'Ana\u0085Pop', 'Ana\u0007Pop', 'Ana\nPop', '\u200E'];
    for (const full_name of names) {
      const answer = await app.inject({
        method: 'POST',
        url: '/register',
        payload: { full_name, email: 'ana@example.com', password: 'x' },
      });
      assert.equal(answer.statusCode, 400, JSON.stringify(full_name));
      const { error } = answer.json();
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.match(
        error.message,
        /^Invalid body: body\/full_name must be one line of visible text, without control characters or invisible direction marks/,
      );
    }
    const accepted = await app.inject({
      method: 'POST',
      url: '/register',
      payload: { full_name: 'Ana-Maria Ștefănescu', email: 'ana@example.com', password: 'x' },
    });
    assert.equal(accepted.statusCode, 200);
  });

  it('refuses a body field the route does not know rather than dropping it', async () => {
    const answer = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x', count: 1, role: 'ADMIN' } });
    assert.equal(answer.statusCode, 400);
    assert.equal(answer.json().error.code, 'VALIDATION_FAILED');
  });

  it('answers bad path and query parameters with 400 VALIDATION_FAILED naming the part', async () => {
    const params = await app.inject({ method: 'GET', url: '/things/not-a-uuid?n=1' });
    assert.equal(params.statusCode, 400);
    assert.match(params.json().error.message, /^Invalid params/);
    const query = await app.inject({ method: 'GET', url: '/things/3f1c7e0a-0000-4000-8000-000000000001?n=11' });
    assert.equal(query.statusCode, 400);
    assert.match(query.json().error.message, /^Invalid querystring/);
  });

  it('routes a path parameter as long as a signed link token (beyond the router’s default 100 characters)', async () => {
    const token = `${'a'.repeat(250)}.${'b'.repeat(43)}`;
    const answer = await app.inject({ method: 'GET', url: `/links/${token}` });
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.json().length, token.length);
    // One character more than the route's schema allows: the schema's 400, in the usual error shape.
    const tooLong = await app.inject({ method: 'GET', url: `/links/${'a'.repeat(1_001)}` });
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.json().error.message, /^Invalid params/);
  });

  it('answers malformed JSON, an oversized body and a wrong media type with 4xx codes of their own', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().error.code, 'MALFORMED_JSON');
    const large = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x'.repeat(2_000), count: 1 } });
    assert.equal(large.statusCode, 413);
    assert.equal(large.json().error.code, 'PAYLOAD_TOO_LARGE');
    const media = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    assert.equal(media.statusCode, 415);
    assert.equal(media.json().error.code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an AppError with its status, code, message and details', async () => {
    const missing = await app.inject({ method: 'GET', url: '/missing' });
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), { error: { code: 'NOT_FOUND', message: 'Thing not found' } });
    const taken = await app.inject({ method: 'GET', url: '/taken' });
    assert.equal(taken.statusCode, 409);
    assert.deepEqual(taken.json(), {
      error: { code: 'SLOT_TAKEN', message: 'The slot is taken', details: { nearest: ['2026-03-02T09:00:00+02:00'] } },
    });
  });

  it('answers an unexpected error with a bare 500 INTERNAL and logs what happened', async () => {
    const answer = await app.inject({ method: 'GET', url: '/bug' });
    assert.equal(answer.statusCode, 500);
    assert.deepEqual(answer.json(), { error: { code: 'INTERNAL', message: 'Internal error' } });
    assert.doesNotMatch(answer.body, /secret_column|TypeError|stack/);
    const logged = lines.find((line) => line.msg === 'request failed');
    assert.ok(logged, 'the failure is logged');
    assert.match((logged.err as Error).message, /secret_column/);
  });

  it('answers 503 UNAVAILABLE, retryable, when a dependency cannot be reached, without its address', async () => {
    for (const url of ['/database-down', '/database-restarting']) {
      const answer = await app.inject({ method: 'GET', url });
      assert.equal(answer.statusCode, 503, url);
      assert.equal(answer.json().error.code, 'UNAVAILABLE');
      assert.doesNotMatch(answer.body, /10\.0\.0\.7|ECONNREFUSED|administrator/);
    }
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const answer = await app.inject({ method: 'GET', url: '/nowhere' });
    assert.equal(answer.statusCode, 404);
    assert.equal(answer.json().error.code, 'ROUTE_NOT_FOUND');
  });

  it('answers /ready 503 naming the failing dependency, and 200 with an optional one degraded', async () => {
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), {
      status: 'ready',
      checks: { database: 'ok', documentStore: 'MinIO is down' },
      degraded: { documentStore: 'MinIO is down' },
    });
    databaseUp = false;
    try {
      const down = await app.inject({ method: 'GET', url: '/ready' });
      assert.equal(down.statusCode, 503);
      assert.equal(down.json().status, 'unavailable');
      assert.match(down.json().checks.database, /ECONNREFUSED/);
    } finally {
      databaseUp = true;
    }
  });
});

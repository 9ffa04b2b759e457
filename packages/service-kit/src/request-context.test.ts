import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { Type } from 'typebox';
import { createAuthenticator } from './auth.ts';
import { createHttpServer, type App } from './http.ts';
import { createLogger } from './logger.ts';
import { startPeriodic } from './periodic.ts';
import { requestContext, withRequestContext } from './request-context.ts';
import { callService } from './service-client.ts';

/** A logger whose JSON lines the test reads. */
function collectingLogger() {
  const lines: string[] = [];
  const logger = createLogger('context-test', 'info', { write: (line: string) => void lines.push(line) });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the request context', () => {
  it('is seen by nested async calls, across timers and awaits, and not outside', async () => {
    const nested = async () => {
      await sleep(5);
      return new Promise<string | undefined>((resolve) => setTimeout(() => resolve(requestContext()?.requestId), 5));
    };
    const seen = await withRequestContext({ requestId: 'req-nested' }, async () => {
      await Promise.resolve();
      return nested();
    });
    assert.equal(seen, 'req-nested');
    assert.equal(requestContext(), undefined);
  });

  it('keeps requests that run at once apart', async () => {
    const seen = await Promise.all(
      ['req-1', 'req-2', 'req-3'].map((requestId, i) =>
        withRequestContext({ requestId }, async () => {
          await sleep(15 - i * 5);
          return requestContext()?.requestId;
        }),
      ),
    );
    assert.deepEqual(seen, ['req-1', 'req-2', 'req-3']);
  });

  it('runs work given no context outside the one it was called in', () => {
    const inner = withRequestContext({ requestId: 'req-outer' }, () => withRequestContext(undefined, () => requestContext()));
    assert.equal(inner, undefined);
  });

  it('is not seen by a periodic task a request nudged: the run does the work of whatever is due', async () => {
    const seen: Array<string | undefined> = [];
    const task = startPeriodic(
      'context-test',
      60_000,
      async () => {
        seen.push(requestContext()?.requestId);
      },
      createLogger('context-test', 'silent'),
    );
    for (let i = 0; i < 100 && seen.length < 1; i++) await sleep(5);
    withRequestContext({ requestId: 'req-nudging' }, () => task.nudge());
    for (let i = 0; i < 100 && seen.length < 2; i++) await sleep(5);
    await task.stop();
    assert.deepEqual(seen, [undefined, undefined]);
  });

  it('puts the request id on log lines written with the service logger, as reqId', () => {
    const { logger, parsed } = collectingLogger();
    withRequestContext({ requestId: 'req-log' }, () => logger.info({ step: 1 }, 'inside'));
    logger.info('outside');
    const [inside, outside] = parsed();
    assert.equal(inside!.reqId, 'req-log');
    assert.equal(inside!.step, 1);
    assert.equal(outside!.reqId, undefined);
  });
});

describe('the request context of an HTTP request', () => {
  let app: App;
  let base: string;
  let signingKey: CryptoKey;
  const log = collectingLogger();
  const issuer = 'http://localhost:8080/auth/realms/clinic';
  const patientId = '3f1c7e0a-0000-4000-8000-000000000001';

  before(async () => {
    app = await createHttpServer({ name: 'context-test', description: 'request context', logger: log.logger, bodyLimit: 10_000 });
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k', alg: 'RS256' }] });
    const auth = createAuthenticator({ issuer, audience: 'clinic-api', jwksUrl: 'http://keycloak.invalid/certs', keys });
    // The guard names the caller in the context once it has checked the token.
    app.get('/whoami', { preHandler: auth.require('PATIENT') }, async () => ({ callerId: requestContext()?.callerId }));
    // What a request arrived with: the header, and the context its handler runs in.
    app.get('/echo', async (request) => ({ header: request.headers['x-request-id'] ?? null, context: requestContext()?.requestId }));
    // A handler that reads a JSON body (the body is read outside the request's context), logs, waits,
    // then calls another service: the call carries the request id without being told.
    app.post('/forward', { schema: { body: Type.Object({ note: Type.String() }) } }, async (request) => {
      request.server.log.info({ note: request.body.note }, 'forwarding');
      await sleep(5);
      const answer = await callService<{ header: string | null; context: string }>(`${base}/echo`);
      return { context: requestContext()?.requestId, downstream: answer.body };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    assert.ok(address && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}`;
  });

  after(() => app.close());

  it('is the x-request-id the caller sent, through body parsing, and a service call passes it on', async () => {
    // The body arrives after the headers, in a read of the socket of its own, as a slow client sends it.
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode('{"note":'));
        await sleep(30);
        controller.enqueue(encoder.encode('"hello"}'));
        controller.close();
      },
    });
    const response = await fetch(`${base}/forward`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-from-gateway' },
      body,
      duplex: 'half',
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-request-id'), 'req-from-gateway');
    assert.deepEqual(await response.json(), {
      context: 'req-from-gateway',
      downstream: { header: 'req-from-gateway', context: 'req-from-gateway' },
    });
    // The handler's line (service logger) and Fastify's request lines name the id once each.
    const lines = log.lines.filter((line) => line.includes('req-from-gateway'));
    const forwarding = lines.find((line) => line.includes('"forwarding"'));
    assert.ok(forwarding, 'the handler’s own log line carries the request id');
    assert.equal(JSON.parse(forwarding).reqId, 'req-from-gateway');
    const completed = lines.filter((line) => line.includes('"request completed"'));
    assert.equal(completed.length, 2, 'both requests (the call and the one it made) logged their completion under the id');
    for (const line of lines) assert.equal(line.match(/"reqId"/g)?.length, 1, `one reqId field in ${line}`);
  });

  it('is a fresh id, a W3C trace id, when the caller sent none or one that is not acceptable, and a call outside any request sends none', async () => {
    const fresh = await callService<{ header: string | null; context: string }>(`${base}/echo`);
    assert.equal(fresh.body.header, null);
    assert.match(fresh.body.context, /^[0-9a-f]{32}$/);
    const refused = await fetch(`${base}/echo`, { headers: { 'x-request-id': 'spaces are not allowed' } });
    const body = (await refused.json()) as { context: string };
    assert.match(body.context, /^[0-9a-f]{32}$/);
    assert.equal(refused.headers.get('x-request-id'), body.context);
  });

  it('is the trace id of the traceparent the caller sent, when it sent no request id', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const answer = await fetch(`${base}/echo`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    assert.equal(((await answer.json()) as { context: string }).context, traceId);
    assert.equal(answer.headers.get('x-request-id'), traceId);
  });

  it('a service call made in a context carries its request id', async () => {
    const answer = await withRequestContext({ requestId: 'req-from-a-consumer' }, () =>
      callService<{ header: string | null; context: string }>(`${base}/echo`),
    );
    assert.deepEqual(answer.body, { header: 'req-from-a-consumer', context: 'req-from-a-consumer' });
  });

  it('names the caller once the route’s guard has checked the token', async () => {
    const token = await new SignJWT({ realm_access: { roles: ['PATIENT'] } })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .setSubject(patientId)
      .setIssuer(issuer)
      .setAudience('clinic-api')
      .setExpirationTime('5m')
      .sign(signingKey);
    const response = await fetch(`${base}/whoami`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { callerId: patientId });
  });
});

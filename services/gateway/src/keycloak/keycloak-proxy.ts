import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import proxy from '@fastify/http-proxy';
import type { FastifyRequest } from 'fastify';
import { unavailable, type App, type Static } from '@clinic/service-kit';
import type { configSchema } from '../config.ts';
import { isConnectionError, PROXY_OPTIONS, type ForwardedRequest } from '../upstreams/index.ts';
import { loginFailed, loginSubmission, passesToKeycloak, type LoginSubmission } from './keycloak-surface.ts';
import { clientOf, loginThrottle } from './login-throttle.ts';
import { pageLanguage, throttledLoginPage } from './throttled-login-page.ts';

/** The longest a password submission is held in line before it is refused instead. */
const MAX_LOGIN_WAIT_MS = 10_000;

export interface HeaderRewrite {
  rewriteRequestHeaders: (request: ForwardedRequest, headers: IncomingHttpHeaders) => IncomingHttpHeaders;
}

/**
 * /auth: Keycloak's pages and endpoints of the clinic's realm that browsers and the command line use
 * (keycloak-surface.ts), every other path a 404 that never reaches Keycloak. Password submissions are
 * counted per client address; one that has failed too often is answered 429 here, so that a stranger
 * guessing at an account cannot keep Keycloak's own lock on it closed (that lock stays as the second line).
 */
export async function proxyKeycloak(app: App, config: Static<typeof configSchema>, headers: HeaderRewrite) {
  const realm = config.KEYCLOAK_REALM;
  const throttle = loginThrottle({
    maxFailures: config.LOGIN_FAILURES_PER_WINDOW,
    windowMs: config.LOGIN_FAILURE_WINDOW_SECONDS * 1000,
    retryDelayMs: config.LOGIN_RETRY_DELAY_MS,
  });
  const submissions = new WeakMap<FastifyRequest, LoginSubmission>();
  const settle = (request: FastifyRequest, statusCode: number | undefined) => {
    const submission = submissions.get(request);
    if (!submission) return;
    submissions.delete(request);
    throttle.settle(clientOf(request.ip), statusCode !== undefined && loginFailed(submission, statusCode));
  };

  await app.register(async (identity) => {
    // Before the body is read: a path outside the surface gets the gateway's own 404, whatever it carries.
    identity.addHook('onRequest', async (request, reply) => {
      if (passesToKeycloak(request.url, realm)) return;
      reply.callNotFound();
      return reply;
    });
    // Keycloak's forms are read as text (and passed on as they came) so that a password grant is recognised.
    identity.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    // Password submissions wait their turn per address, and stop here once it failed too often (the body says which grant it is).
    identity.addHook('preHandler', async (request, reply) => {
      const submission = loginSubmission(request.method, request.url, realm, request.body);
      if (!submission) return;
      const client = clientOf(request.ip);
      for (let waited = 0; ;) {
        // The client left while in line: nothing to pass on.
        if (request.socket.destroyed) return reply;
        const decision = throttle.begin(client);
        if (decision.action === 'pass') break;
        if (decision.action === 'wait' && waited + decision.ms <= MAX_LOGIN_WAIT_MS) {
          await sleep(decision.ms);
          waited += decision.ms;
          continue;
        }
        const retryAfterSeconds = decision.action === 'refuse' ? decision.retryAfterSeconds : Math.ceil(decision.ms / 1000);
        reply.status(429).header('retry-after', String(retryAfterSeconds));
        // A person at the login page reads a page in their language; the command line gets JSON.
        if (submission === 'login-form') {
          const language = pageLanguage(request.headers.cookie, request.headers['accept-language']);
          return reply.type('text/html; charset=utf-8').send(throttledLoginPage(language, retryAfterSeconds));
        }
        return reply.send({
          error: {
            code: 'TOO_MANY_FAILED_LOGINS',
            message: `Too many failed logins from this address; try again in ${retryAfterSeconds} s`,
          },
        });
      }
      submissions.set(request, submission);
    });
    identity.addHook('onResponse', async (request, reply) => settle(request, reply.statusCode));
    identity.addHook('onRequestAbort', async (request) => settle(request, undefined));

    await identity.register(proxy, {
      ...PROXY_OPTIONS,
      upstream: config.KEYCLOAK_URL.replace(/\/auth\/?$/, ''),
      prefix: '/auth',
      rewritePrefix: '/auth',
      // Bodies are parsed by the scope's parsers (forms, JSON), within the gateway's body limit.
      proxyPayloads: false,
      replyOptions: {
        ...headers,
        // Logins while Keycloak is down or restarting: a retryable 503, not a 500.
        onError: (reply, { error }) => {
          reply.send(isConnectionError(error) ? unavailable('The identity server could not be reached; retry') : error);
        },
      },
    });
  });
}

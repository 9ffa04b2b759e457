import { existsSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import proxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import swaggerUi from '@fastify/swagger-ui';
import { createAuthenticator, createHttpServer, unavailable, type ServiceContext, type Static } from '@clinic/service-kit';
import type { configSchema } from './config.ts';
import { harden } from './hardening.ts';
import { replicaPicker, resolvingReplicas, upstreams } from './upstreams.ts';
import { CONTENT_SECURITY_POLICY, serveWebApp } from './web-app.ts';

/** Errors that mean the replica is not there (refused, or gone mid-request), as opposed to answering badly. */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

interface ProxyError extends Error {
  code?: string;
  cause?: { code?: string };
}

type ReplyOptions = NonNullable<FastifyHttpProxyOptions['replyOptions']>;

const placeholder = fileURLToPath(new URL('../public', import.meta.url));

/** The request id travels to the service so its logs line up with the gateway's. */
const forwardRequestId = {
  rewriteRequestHeaders: (request: { id: string }, headers: IncomingHttpHeaders) => ({
    ...headers,
    'x-request-id': request.id,
  }),
};

export async function build({ config, logger }: ServiceContext<Static<typeof configSchema>>) {
  const services = upstreams(config);
  const replicaSets = new Map(services.map((s) => [s.name, resolvingReplicas(s.urls, config.UPSTREAM_RESOLVE_INTERVAL_MS)]));
  await Promise.all([...replicaSets.values()].map((set) => set.refresh()));
  const app = await createHttpServer({
    name: 'gateway',
    description: 'The single public entry point: the web app, /api and /auth',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: Object.fromEntries(
      services.map((service) => [
        service.name,
        async () => {
          const answers = await Promise.allSettled(
            replicaSets
              .get(service.name)!
              .current()
              .map((u) => fetch(`${u}/health`, { signal: AbortSignal.timeout(2_000) })),
          );
          if (!answers.some((a) => a.status === 'fulfilled' && a.value.ok)) throw new Error('no replica answers');
        },
      ]),
    ),
  });

  const tokens = createAuthenticator({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    jwksUrl: `${config.KEYCLOAK_URL}/realms/${config.KEYCLOAK_REALM}/protocol/openid-connect/certs`,
  });
  await harden(app, config, (token) => tokens.verify(token).then((principal) => principal.id));

  // Registration is the one route open to anonymous callers that creates something: it is rate limited per client address.
  await app.register(proxy, {
    upstream: config.USER_SERVICE_URL,
    prefix: '/api/users/register',
    rewritePrefix: '/users/register',
    replyOptions: forwardRequestId,
    config: { rateLimit: { max: config.REGISTER_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
  });

  for (const service of services) {
    const replicaSet = replicaSets.get(service.name)!;
    app.addHook('onClose', async () => replicaSet.stop());
    const replicas = replicaPicker(() => replicaSet.current());
    // The replica each request went to, so a connection failure can be pinned on it.
    const chosen = new WeakMap<object, string>();
    const routing: ReplyOptions = {
      getUpstream: (request) => {
        const url = replicas.pick();
        chosen.set(request, url);
        return url;
      },
      onError: (reply, { error }) => {
        const { code, cause } = error as ProxyError;
        if (!CONNECTION_ERRORS.has(cause?.code ?? code ?? '')) {
          reply.send(error);
          return;
        }
        const url = chosen.get(reply.request);
        if (url) replicas.markUnreachable(url);
        // Retryable: a request cut off mid-way may have been handled, which is what Idempotency-Key is for.
        reply.send(unavailable(`${service.name} could not be reached; retry`));
      },
    };
    for (const prefix of service.prefixes) {
      await app.register(proxy, {
        upstream: service.urls[0]!,
        prefix: `/api${prefix}`,
        rewritePrefix: prefix,
        replyOptions: { ...forwardRequestId, ...routing },
      });
    }
    await app.register(proxy, {
      upstream: service.urls[0]!,
      prefix: `/api/openapi/${service.name}.json`,
      rewritePrefix: '/openapi.json',
      replyOptions: routing,
    });
  }

  await app.register(proxy, {
    upstream: config.KEYCLOAK_URL.replace(/\/auth\/?$/, ''),
    prefix: '/auth',
    rewritePrefix: '/auth',
    replyOptions: {
      // Logins while Keycloak is down or restarting: a retryable 503, not a 500.
      onError: (reply, { error }) => {
        const { code, cause } = error as ProxyError;
        if (!CONNECTION_ERRORS.has(cause?.code ?? code ?? '')) {
          reply.send(error);
          return;
        }
        reply.send(unavailable('The identity server could not be reached; retry'));
      },
    },
  });

  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { urls: services.map((s) => ({ name: s.name, url: `/api/openapi/${s.name}.json` })) },
  });

  const built = Boolean(config.WEB_ROOT && existsSync(config.WEB_ROOT));
  // The placeholder page styles itself inline; only the built app is held to the policy.
  await serveWebApp(app, built ? config.WEB_ROOT! : placeholder, built ? CONTENT_SECURITY_POLICY : undefined);
  return app;
}

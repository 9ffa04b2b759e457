import { existsSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import proxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import swaggerUi from '@fastify/swagger-ui';
import { createAuthenticator, createHttpServer, unavailable, type ServiceContext, type Static } from '@clinic/service-kit';
import type { configSchema } from './config.ts';
import { forwardedHeaders, type ForwardedRequest } from './forwarded-headers.ts';
import { harden } from './hardening.ts';
import { proxyKeycloak } from './keycloak-proxy.ts';
import { isConnectionError, replicaPicker, resolvingReplicas, upstreams } from './upstreams.ts';
import { CONTENT_SECURITY_POLICY, serveWebApp } from './web-app.ts';

type ReplyOptions = NonNullable<FastifyHttpProxyOptions['replyOptions']>;

const placeholder = fileURLToPath(new URL('../public', import.meta.url));

export async function build({ config, logger }: ServiceContext<Static<typeof configSchema>>) {
  /**
   * The request id travels on so the service's logs line up with the gateway's; the forwarding headers
   * are the gateway's own, never the client's.
   */
  const forwardRequestId = {
    rewriteRequestHeaders: (request: ForwardedRequest, headers: IncomingHttpHeaders): IncomingHttpHeaders => ({
      ...forwardedHeaders(headers, request, config.PUBLIC_URL),
      'x-request-id': request.id,
    }),
  };
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
        if (!isConnectionError(error)) {
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
      replyOptions: { ...forwardRequestId, ...routing },
    });
  }

  await proxyKeycloak(app, config, forwardRequestId);

  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { urls: services.map((s) => ({ name: s.name, url: `/api/openapi/${s.name}.json` })) },
  });

  const built = Boolean(config.WEB_ROOT && existsSync(config.WEB_ROOT));
  // The placeholder page styles itself inline; only the built app is held to the policy.
  await serveWebApp(app, built ? config.WEB_ROOT! : placeholder, built ? CONTENT_SECURITY_POLICY : undefined);
  return app;
}

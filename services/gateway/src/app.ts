import { existsSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import proxy from '@fastify/http-proxy';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swaggerUi from '@fastify/swagger-ui';
import { createHttpServer, type ServiceContext, type Static } from '@clinic/service-kit';
import type { configSchema } from './config.ts';
import { roundRobin, upstreams } from './upstreams.ts';

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
  const app = await createHttpServer({
    name: 'gateway',
    description: 'The single public entry point: the web app, /api and /auth',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: Object.fromEntries(
      services.map((service) => [
        service.name,
        async () => {
          const answers = await Promise.allSettled(service.urls.map((u) => fetch(`${u}/health`, { signal: AbortSignal.timeout(2_000) })));
          if (!answers.some((a) => a.status === 'fulfilled' && a.value.ok)) throw new Error('no replica answers');
        },
      ]),
    ),
  });

  await app.register(rateLimit, { global: false });

  // Registration is the one route open to anonymous callers that creates something: it is rate limited per client address.
  await app.register(proxy, {
    upstream: config.USER_SERVICE_URL,
    prefix: '/api/users/register',
    rewritePrefix: '/users/register',
    replyOptions: forwardRequestId,
    config: { rateLimit: { max: config.REGISTER_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
  });

  for (const service of services) {
    const pick = roundRobin(service.urls);
    for (const prefix of service.prefixes) {
      await app.register(proxy, {
        upstream: service.urls[0]!,
        prefix: `/api${prefix}`,
        rewritePrefix: prefix,
        replyOptions: { ...forwardRequestId, getUpstream: () => pick() },
      });
    }
    await app.register(proxy, {
      upstream: service.urls[0]!,
      prefix: `/api/openapi/${service.name}.json`,
      rewritePrefix: '/openapi.json',
      replyOptions: { getUpstream: () => pick() },
    });
  }

  await app.register(proxy, { upstream: config.KEYCLOAK_URL.replace(/\/auth\/?$/, ''), prefix: '/auth', rewritePrefix: '/auth' });

  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { urls: services.map((s) => ({ name: s.name, url: `/api/openapi/${s.name}.json` })) } as never,
  });

  const webRoot = config.WEB_ROOT && existsSync(config.WEB_ROOT) ? config.WEB_ROOT : placeholder;
  await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
  return app;
}

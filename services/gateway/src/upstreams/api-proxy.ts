import type { IncomingHttpHeaders } from 'node:http';
import proxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import { unavailable, type App, type Static } from '@clinic/service-kit';
import type { configSchema } from '../config.ts';
import { forwardedHeaders, type ForwardedRequest } from './forwarded-headers.ts';
import { isConnectionError, replicaPicker, type ReplicaSet, type Upstream } from './upstreams.ts';

type ReplyOptions = NonNullable<FastifyHttpProxyOptions['replyOptions']>;

/** How a request is passed on to a service: the headers it goes with. */
export interface RequestForwarding {
  rewriteRequestHeaders: (request: ForwardedRequest, headers: IncomingHttpHeaders) => IncomingHttpHeaders;
}

/**
 * The request id travels on so the service's logs line up with the gateway's; the forwarding headers
 * are the gateway's own, never the client's. So is the trace context: the client's `traceparent` is
 * the parent of the gateway's span, and the call to the service carries the gateway's own (written by
 * the HTTP client's tracing), never a second one.
 */
export function requestForwarding(publicUrl: string | undefined): RequestForwarding {
  return {
    rewriteRequestHeaders: (request: ForwardedRequest, headers: IncomingHttpHeaders): IncomingHttpHeaders => {
      const { traceparent: _traceparent, tracestate: _tracestate, ...forwarded } = forwardedHeaders(headers, request, publicUrl);
      return { ...forwarded, 'x-request-id': request.id };
    },
  };
}

/** The gateway is ready for a service when one of its replicas answers /health. */
export function replicaReadiness(services: Upstream[], replicaSets: Map<string, ReplicaSet>) {
  return Object.fromEntries(
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
  );
}

/** Registration is the one route open to anonymous callers that creates something: it is rate limited per client address. */
export async function proxyRegistration(app: App, config: Static<typeof configSchema>, forwarding: RequestForwarding) {
  await app.register(proxy, {
    upstream: config.USER_SERVICE_URL,
    prefix: '/api/users/register',
    rewritePrefix: '/users/register',
    replyOptions: forwarding,
    config: { rateLimit: { max: config.REGISTER_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
  });
}

/** Each service's public prefixes under /api, and its OpenAPI document, passed on to its replicas in turn. */
export async function proxyServices(app: App, services: Upstream[], replicaSets: Map<string, ReplicaSet>, forwarding: RequestForwarding) {
  for (const service of services) {
    const replicaSet = replicaSets.get(service.name)!;
    app.addHook('onClose', async () => replicaSet.stop());
    const replyOptions = { ...forwarding, ...replicaRouting(service, replicaSet) };
    for (const prefix of service.prefixes) {
      await app.register(proxy, { upstream: service.urls[0]!, prefix: `/api${prefix}`, rewritePrefix: prefix, replyOptions });
    }
    await app.register(proxy, {
      upstream: service.urls[0]!,
      prefix: `/api/openapi/${service.name}.json`,
      rewritePrefix: '/openapi.json',
      replyOptions,
    });
  }
}

/** Which replica a request goes to, and what a replica that cannot be reached is answered with. */
function replicaRouting(service: Upstream, replicaSet: ReplicaSet): ReplyOptions {
  const replicas = replicaPicker(() => replicaSet.current());
  // The replica each request went to, so a connection failure can be pinned on it.
  const chosen = new WeakMap<object, string>();
  return {
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
}

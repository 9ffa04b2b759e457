import type { IncomingHttpHeaders } from 'node:http';
import proxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import { injectTraceHeaders, unavailable, type App, type Static } from '@clinic/service-kit';
import type { configSchema } from '../config.ts';
import { forwardedHeaders, type ForwardedRequest } from './forwarded-headers.ts';
import { isConnectionError, isConnectionRefused, replicaPicker, type ReplicaPicker, type ReplicaSet, type Upstream } from './upstreams.ts';

type ProxyHandler = NonNullable<FastifyHttpProxyOptions['handler']>;

/**
 * What every proxy of the gateway shares. The proxy's own two lines per request ("fetching from remote
 * server", "response received") say nothing the gateway's `request completed` line does not; without
 * them the gateway answered about 7% more reads a second.
 */
export const PROXY_OPTIONS = { disableRequestLogging: true } as const;

/** How a request is passed on to a service: the headers it goes with. */
export interface RequestForwarding {
  rewriteRequestHeaders: (request: ForwardedRequest, headers: IncomingHttpHeaders) => IncomingHttpHeaders;
}

/**
 * The request id travels on so the service's logs line up with the gateway's; the forwarding headers
 * are the gateway's own, never the client's. So is the trace context: the client's `traceparent` is
 * the parent of the gateway's span, and the call to the service carries the gateway's span's own, so
 * the service's span is its child. The HTTP client's tracing makes no span of its own for a call that
 * names its trace context (service-kit's `namesItsTraceContext`): one span per request in the gateway,
 * not two. With tracing off there is no trace context to pass on.
 */
export function requestForwarding(publicUrl: string | undefined): RequestForwarding {
  return {
    rewriteRequestHeaders: (request: ForwardedRequest, headers: IncomingHttpHeaders): IncomingHttpHeaders => {
      const { traceparent: _traceparent, tracestate: _tracestate, ...forwarded } = forwardedHeaders(headers, request, publicUrl);
      return injectTraceHeaders({ ...forwarded, 'x-request-id': request.id });
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
    ...PROXY_OPTIONS,
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
    const replicas = replicaPicker(() => replicaSet.current());
    const routes = [
      ...service.prefixes.map((prefix) => ({ prefix: `/api${prefix}`, rewritePrefix: prefix })),
      { prefix: `/api/openapi/${service.name}.json`, rewritePrefix: '/openapi.json' },
    ];
    for (const route of routes) {
      await app.register(async (scope) => {
        // The body is read whole before it is passed on (within the gateway's body limit, the services'
        // own), so that it can be sent again to another replica when the first refuses the connection.
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
        await scope.register(proxy, {
          ...PROXY_OPTIONS,
          // No fixed upstream: each request goes to the replica getUpstream picks (with one, every request would go there).
          upstream: '',
          ...route,
          proxyPayloads: false,
          replyOptions: { ...forwarding, getUpstream: () => replicas.pick() },
          handler: forwardToReplicas(service.name, replicas),
        });
      });
    }
  }
}

/**
 * Sends a request to the replica picked for it. A replica that refuses the connection never saw the
 * request: it is passed over for a while and the request goes to another replica, until one takes it
 * or every replica has refused. A replica that cannot be reached otherwise (reset mid-way, timed out)
 * is answered with a retryable 503, as a request cut off mid-way may have been handled, which is what
 * Idempotency-Key is for; any other failure as reply-from reports it.
 */
function forwardToReplicas(serviceName: string, replicas: ReplicaPicker): ProxyHandler {
  return (request, reply, dest, options) => {
    const body = Buffer.isBuffer(request.body)
      ? { body: request.body, contentType: request.headers['content-type'] ?? 'application/octet-stream' }
      : {};
    const send = (url: string, tried: Set<string>) =>
      reply.from(dest, {
        ...options,
        ...body,
        getUpstream: () => url,
        onError: (failed, { error }) => {
          if (!isConnectionError(error)) {
            failed.send(error);
            return;
          }
          replicas.markUnreachable(url);
          tried.add(url);
          const next = isConnectionRefused(error) ? replicas.another(tried) : undefined;
          if (next) {
            failed.request.log.warn({ refused: url, next }, `${serviceName} replica refused the connection; trying another`);
            send(next, tried);
            return;
          }
          failed.send(unavailable(`${serviceName} could not be reached; retry`));
        },
      });
    return send(options.getUpstream!(request, ''), new Set());
  };
}

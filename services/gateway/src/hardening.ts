import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { App, Static } from '@clinic/service-kit';
import type { configSchema } from './config.ts';

// Service-wide, so at the top of src/: these headers, limits and timeouts hold for every answer of the
// gateway, /api, /auth and the web app alike.

type GatewayConfig = Static<typeof configSchema>;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const HSTS = 'max-age=31536000; includeSubDomains';

/** Verifies a bearer token and gives its subject, or undefined for a token that does not verify. */
export type SubjectVerifier = (token: string) => Promise<string | undefined>;

/**
 * The rate-limit bucket of a request: its user's, when the token verifies, else its address's. Only a
 * verified subject picks a bucket: a forged token with a new subject for every request would
 * otherwise get a fresh budget each time.
 */
export function rateLimitKey(verifySubject: SubjectVerifier) {
  return async (request: FastifyRequest): Promise<string> => {
    const token = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const sub = token ? await verifySubject(token).catch(() => undefined) : undefined;
    return sub ? `user:${sub}` : `ip:${request.ip}`;
  };
}

/** Answers the browser may act on only when served over TLS (directly or behind a TLS proxy). */
export function servedOverTls(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return proto === 'https' || request.protocol === 'https' || Boolean(publicUrl?.startsWith('https:'));
}

/**
 * Security headers on every answer, CORS for the public origin alone, per-user rate limits on writes,
 * and timeouts against clients that send their request slowly. The web app's CSP is set where it is
 * served (web-app/web-app.ts); Keycloak's pages under /auth keep the headers Keycloak sends.
 */
export async function harden(app: App, config: GatewayConfig, verifySubject: SubjectVerifier) {
  app.server.requestTimeout = config.REQUEST_TIMEOUT_MS;
  app.server.headersTimeout = config.HEADERS_TIMEOUT_MS;
  app.server.timeout = config.CONNECTION_TIMEOUT_MS;

  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: false,
    // Sent below, only over TLS.
    strictTransportSecurity: false,
    // Keycloak's silent renewal loads its pages in a frame of the app: same origin only.
    xFrameOptions: { action: 'sameorigin' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (servedOverTls(request, config.PUBLIC_URL)) reply.header('strict-transport-security', HSTS);
  });

  await app.register(cors, {
    // A list, not a string: a foreign origin then gets no Access-Control-Allow-Origin at all.
    origin: config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).origin] : false,
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  });

  // Every write under /api counts against its user's budget; reads, the app and /auth do not.
  await app.register(rateLimit, {
    global: true,
    max: config.WRITE_RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    keyGenerator: rateLimitKey(verifySubject),
    allowList: (request) => !WRITES.has(request.method) || !request.url.startsWith('/api/'),
  });
}

import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { AppError, unavailable } from './errors.ts';
import { REQUEST_ID_HEADER, requestContext } from './request-context.ts';

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** Bearer token: the caller's own (acting on a user's behalf) or the service's. */
  token?: string;
  /** Further request headers (e.g. an Idempotency-Key). */
  headers?: Record<string, string>;
  /** Per attempt. */
  timeoutMs?: number;
  /**
   * How many times a GET is tried when the connection fails or the service answers 503 (a replica
   * restarting, a dependency of it down for a moment). Default 3; other methods are tried once,
   * since they may have taken effect before the failure.
   */
  attempts?: number;
  /** The pause before the second attempt, doubled before each further one (with jitter). Default 100 ms. */
  retryDelayMs?: number;
}

export interface CallResult<T> {
  status: number;
  body: T;
}

const IDEMPOTENT = new Set(['GET', 'HEAD']);

/** A failure of the connection itself, not a timeout: the request got no answer and may be sent again. */
const isConnectionFailure = (error: unknown) => !(error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));

/**
 * Calls another service's JSON API, under the request id of the work in progress (request-context.ts),
 * so the request can be followed across services. Network failures and 5xx answers become a 503 for
 * our caller; a GET is retried a few times first (bounded, with a growing pause) on a failed
 * connection or a 503. A timeout is not retried: the time it took is already spent.
 *
 * Sent with undici's `request` rather than `fetch`: the same client underneath without the WHATWG
 * Request and Response objects, which cost more than the rest of a small call. Connections are kept
 * alive and reused: undici's global dispatcher keeps a pool per origin, and every answer is read to
 * its end or dumped, which hands its connection back. A connection the other side closed meanwhile
 * fails as a connection failure, which a GET retries.
 */
export async function callService<T = unknown>(url: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const method = options.method ?? 'GET';
  const attempts = IDEMPOTENT.has(method) ? Math.max(1, options.attempts ?? 3) : 1;
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const requestId = requestContext()?.requestId;
  if (requestId) headers[REQUEST_ID_HEADER] = requestId;
  const host = new URL(url).host;
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= attempts;
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
    } catch (error) {
      if (last || !isConnectionFailure(error)) {
        throw unavailable(`${host} is unreachable: ${error instanceof Error ? error.message : String(error)}`);
      }
      await pause(attempt, options.retryDelayMs);
      continue;
    }
    const status = response.statusCode;
    if (status === 503 && !last) {
      await response.body.dump();
      await pause(attempt, options.retryDelayMs);
      continue;
    }
    if (status >= 500) {
      // Its body is not read: a server failing may not answer JSON, and the caller gets a 503 anyway.
      await response.body.dump();
      throw unavailable(`${host} answered ${status}`);
    }
    const text = await response.body.text();
    return { status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}

/** 0.5–1.5 × the delay, doubled each attempt: replicas retrying together do not come back in step. */
const pause = (attempt: number, delayMs = 100) => sleep(delayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));

/** Re-raises another service's 4xx error answer as our own. */
export function forwardError(result: CallResult<unknown>): never {
  const error = (result.body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  throw new AppError(
    result.status,
    error?.code ?? 'UPSTREAM_ERROR',
    error?.message ?? `Upstream answered ${result.status}`,
    error?.details,
  );
}

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Seconds before its expiry a cached token is no longer sent (clock skew, a slow call in flight). */
const TOKEN_EXPIRY_MARGIN_SECONDS = 10;

interface CachedToken {
  token: string;
  /** From then on a call renews it first (half its lifetime). */
  renewAt: number;
  /** Until then it is still sent when a renewal fails. */
  usableUntil: number;
}

/**
 * What a call does with the cached token: send it, renew it first (and send the old one if the
 * renewal fails: Keycloak may be restarting, and the old token is still valid), or get a new one.
 * Renewing at half the lifetime means a Keycloak outage shorter than that half costs no call.
 */
export function tokenUse(cached: CachedToken | undefined, now: number): 'send' | 'renew' | 'fetch' {
  if (!cached || now >= cached.usableUntil) return 'fetch';
  return now < cached.renewAt ? 'send' : 'renew';
}

/** The service's own access token (OAuth client credentials), cached and renewed at half its lifetime. */
export function serviceTokenSource(credentials: ClientCredentials, now: () => number = Date.now): () => Promise<string> {
  let cached: CachedToken | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async () => {
    const response = await fetch(credentials.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      }),
      signal: AbortSignal.timeout(5_000),
    }).catch((error: unknown) => {
      throw unavailable(`Keycloak is unreachable: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (!response.ok) throw unavailable(`Keycloak refused the service credentials (${response.status})`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    const obtainedAt = now();
    cached = {
      token: body.access_token,
      renewAt: obtainedAt + (body.expires_in * 1000) / 2,
      usableUntil: obtainedAt + (body.expires_in - TOKEN_EXPIRY_MARGIN_SECONDS) * 1000,
    };
    return body.access_token;
  };
  return async () => {
    const use = tokenUse(cached, now());
    if (use === 'send') return cached!.token;
    pending ??= fetchToken().finally(() => (pending = undefined));
    if (use === 'fetch') return pending;
    const stillValid = cached!.token;
    return pending.catch(() => stillValid);
  };
}

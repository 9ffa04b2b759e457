import { AppError, unavailable } from './errors.ts';
import { REQUEST_ID_HEADER, requestContext } from './request-context.ts';

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** Bearer token: the caller's own (acting on a user's behalf) or the service's. */
  token?: string;
  timeoutMs?: number;
}

export interface CallResult<T> {
  status: number;
  body: T;
}

/**
 * Calls another service's JSON API, under the request id of the work in progress (request-context.ts),
 * so the request can be followed across services. Network failures and 5xx answers become a 503 for
 * our caller.
 */
export async function callService<T = unknown>(url: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const requestId = requestContext()?.requestId;
  if (requestId) headers[REQUEST_ID_HEADER] = requestId;
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
  } catch (error) {
    throw unavailable(`${new URL(url).host} is unreachable: ${error instanceof Error ? error.message : error}`);
  }
  const text = await response.text();
  const body = (text ? JSON.parse(text) : undefined) as T;
  if (response.status >= 500) throw unavailable(`${new URL(url).host} answered ${response.status}`);
  return { status: response.status, body };
}

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

/** The service's own access token (OAuth client credentials), cached until shortly before it expires. */
export function serviceTokenSource(credentials: ClientCredentials): () => Promise<string> {
  let cached: { token: string; expiresAt: number } | undefined;
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
      throw unavailable(`Keycloak is unreachable: ${error instanceof Error ? error.message : error}`);
    });
    if (!response.ok) throw unavailable(`Keycloak refused the service credentials (${response.status})`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    cached = { token: body.access_token, expiresAt: Date.now() + (body.expires_in - 30) * 1000 };
    return body.access_token;
  };
  return async () => {
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  };
}

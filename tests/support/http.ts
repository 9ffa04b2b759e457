/**
 * A value a test reads without a static type: a JSON answer asserted field by field, or the page's
 * globals inside a browser function (the tests' TypeScript has no DOM types). The one place the
 * tests name `any`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface HttpAnswer<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed payloads. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** One HTTP call as a client would make it; the JSON answer is parsed. */
export async function http<T = Json>(url: string, options: RequestOptions = {}): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

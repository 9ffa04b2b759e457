// One fetch wrapper for the whole app: the bearer token, JSON both ways, and every failure as an
// ApiError carrying the `{error:{code,message}}` body the services answer with.

import type { AffectedAppointment } from './types.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Refusals the person answers in the same dialog and sends again: a reason asked for, a list of appointments to cancel. */
const ANSWERABLE = new Set(['REASON_REQUIRED', 'SCHEDULE_HAS_APPOINTMENTS']);

/**
 * An answer that asking again will not change: the server refused this request as it is (a time too
 * close to change, a doctor with appointments, something gone). A dialog then offers no retry.
 */
export const isRefusal = (error: unknown) =>
  error instanceof ApiError && [400, 403, 404, 409, 410, 422].includes(error.status) && !ANSWERABLE.has(error.code);

/** The appointments a 409 SCHEDULE_HAS_APPOINTMENTS or DOCTOR_HAS_APPOINTMENTS lists (`details.appointments`). */
export function affectedAppointments(error: unknown): AffectedAppointment[] | undefined {
  if (!(error instanceof ApiError) || (error.code !== 'SCHEDULE_HAS_APPOINTMENTS' && error.code !== 'DOCTOR_HAS_APPOINTMENTS'))
    return undefined;
  const listed = (error.details as { appointments?: unknown } | undefined)?.appointments;
  return Array.isArray(listed) ? (listed as AffectedAppointment[]) : [];
}

type TokenSource = () => string | undefined;
let currentToken: TokenSource = () => undefined;

/** The auth layer tells the client where the (in-memory) access token is. */
export function useTokenSource(source: TokenSource) {
  currentToken = source;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText, error?.details);
  }
  return body as T;
}

export const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * Every item of a paged list, page after page (the services answer at most 100 a page). An item that
 * moved to a later page while the pages were read (a row added before it) is kept once.
 */
export async function allPages<T extends { id: string }>(path: string, params: Record<string, string | undefined> = {}): Promise<T[]> {
  const items = new Map<string, T>();
  for (let offset = 0; ; offset += 100) {
    const page = await api<Page<T>>(`${path}${query({ ...params, limit: 100, offset })}`);
    for (const item of page.items) items.set(item.id, item);
    if (offset + page.items.length >= page.total || page.items.length === 0) return [...items.values()];
  }
}

import { AsyncResource } from 'node:async_hooks';
import pg from 'pg';
import { inTrace, markFailed, SpanKind, tracer } from './trace-context.ts';

type Callback = (error: Error | null | undefined, result?: unknown) => void;
type QueryFunction = (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) => unknown;
type ConnectFunction = (this: pg.Pool, callback?: unknown) => unknown;

interface QueryConfig {
  text?: string;
  name?: string;
  submit?: unknown;
}

/** A statement's span name: its name when it is a named statement (`appointment-events.record-all`), else its first keyword. */
export function querySpanName(config: unknown): string {
  const { text, name } = typeof config === 'string' ? { text: config, name: undefined } : ((config ?? {}) as QueryConfig);
  if (name) return `pg ${name}`;
  const keyword = /^\s*([A-Za-z]+)/.exec(text ?? '')?.[1]?.toUpperCase();
  return `pg ${keyword ?? 'query'}`;
}

let patched = false;

/** The method a prototype has (or inherits) under `name`, to be called with the object it is wrapped for. */
function originalOf<F>(prototype: object, name: string): F {
  for (let owner: object | null = prototype; owner; owner = Object.getPrototypeOf(owner) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(owner, name);
    if (descriptor) return descriptor.value as F;
  }
  throw new Error(`no ${name} to trace`);
}

/**
 * Spans for PostgreSQL queries, by hand: every query of the platform goes through `pg.Client`'s
 * `query` (a pool lends a client and calls it), which is wrapped here. A query is traced only within
 * a traced piece of work (a request, a message), never a periodic job's on its own. A pool's queued
 * `connect` callbacks are bound to their caller's context, so the query a pool runs once a client
 * frees up belongs to the request that asked for it, not to the one that freed the client.
 */
export function tracePostgres(): void {
  if (patched) return;
  patched = true;
  const query = originalOf<QueryFunction>(pg.Client.prototype, 'query');
  const tracedQuery: QueryFunction = function (this: pg.Client, config, values, callback) {
    if (
      !inTrace() ||
      config === null ||
      (typeof config !== 'object' && typeof config !== 'string') ||
      typeof (config as QueryConfig).submit === 'function'
    ) {
      return query.call(this, config, values, callback);
    }
    const text = typeof config === 'string' ? config : ((config as QueryConfig).text ?? '');
    const span = tracer().startSpan(querySpanName(config), {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'postgresql',
        'db.namespace': this.database ?? '',
        'db.query.text': text.slice(0, 2_000),
        'server.address': this.host ?? '',
        'server.port': this.port ?? 0,
      },
    });
    const finish = (error?: unknown) => {
      if (error) markFailed(span, error);
      span.end();
    };
    const done = (typeof values === 'function' ? values : callback) as Callback | undefined;
    if (typeof done === 'function') {
      const traced: Callback = (error, result) => {
        finish(error);
        done(error, result);
      };
      return typeof values === 'function' ? query.call(this, config, traced) : query.call(this, config, values, traced);
    }
    const result = query.call(this, config, values) as Promise<unknown>;
    result.then(() => finish(), finish);
    return result;
  };
  pg.Client.prototype.query = tracedQuery as unknown as typeof pg.Client.prototype.query;

  const connect = originalOf<ConnectFunction>(pg.Pool.prototype, 'connect');
  const boundConnect: ConnectFunction = function (this: pg.Pool, callback) {
    return connect.call(this, typeof callback === 'function' ? AsyncResource.bind(callback as Callback) : callback);
  };
  pg.Pool.prototype.connect = boundConnect as unknown as typeof pg.Pool.prototype.connect;
}

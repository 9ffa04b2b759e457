import { AsyncLocalStorage } from 'node:async_hooks';
import { context as otelContext, ROOT_CONTEXT, type Context } from '@opentelemetry/api';

/**
 * What one request is known by wherever its work goes: the HTTP server sets it for every request,
 * `consume()` of `@clinic/messaging` for every message. Log lines (`reqId`), calls to other services
 * and published messages (the `x-request-id` header) read it, so no function passes it on by hand.
 */
export interface RequestContext {
  /** The gateway's `x-request-id`, kept by every service the request reaches. */
  readonly requestId: string;
  /** The verified token's subject, once a route's guard has checked the token. */
  callerId?: string;
  /**
   * The OpenTelemetry context of the work (its HTTP server or message consumer span), so work resumed
   * later in this request's context (a booking decided in a batch) continues its trace.
   */
  readonly trace?: Context;
}

/** The header that carries the request id, on HTTP requests and on AMQP messages alike. */
export const REQUEST_ID_HEADER = 'x-request-id';

const ACCEPTED_REQUEST_ID = /^[\w.:-]{1,100}$/;

/** A request id received from elsewhere, if it is one we accept (it ends up in every log line). */
export function acceptedRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && ACCEPTED_REQUEST_ID.test(value) ? value : undefined;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request whose work is running, if any. */
export const requestContext = (): RequestContext | undefined => storage.getStore();

/**
 * Runs `work` in `context`: everything it calls and awaits sees that context, and its spans belong to
 * the context's trace. With no context, `work` runs outside any, and outside any trace, so work done
 * for several requests at once is not taken for one of them.
 */
export function withRequestContext<T>(context: RequestContext | undefined, work: () => T): T {
  return otelContext.with(context?.trace ?? ROOT_CONTEXT, () => (context ? storage.run(context, work) : storage.exit(work)));
}

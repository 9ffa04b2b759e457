import type { IncomingMessage, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import { ErrorResponse, UNSAFE_TEXT_CHARACTERS } from '@clinic/contracts';
import { AppError, isDependencyUnavailable } from './errors.ts';
import { requestLogger, type Logger } from './logger.ts';
import { beginServerSpan, endServerSpan, serverRequestContext } from './http-tracing.ts';
import { counter, histogram } from './metrics.ts';
import { REQUEST_ID_HEADER, withRequestContext } from './request-context.ts';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger, TypeBoxTypeProvider>;

export type ReadinessChecks = Record<string, () => Promise<unknown>>;

export interface HttpServerOptions {
  name: string;
  description: string;
  logger: Logger;
  bodyLimit: number;
  /** What `/ready` checks: each must resolve for the service to take traffic. */
  readiness?: ReadinessChecks;
  /**
   * Dependencies that only some routes need: `/ready` reports those that fail under `degraded` but
   * still answers 200, since the service keeps serving its core traffic without them.
   */
  optionalReadiness?: ReadinessChecks;
}

// ajv-formats is CommonJS; under ESM its function sits on `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/**
 * Query strings and paths are text, so their numbers are coerced; JSON bodies must carry the right
 * types, and a field the route does not know is refused rather than silently dropped.
 */
function createValidators() {
  const make = (coerceTypes: boolean | 'array') => {
    const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: coerceTypes !== false, allErrors: true, strict: false });
    addFormats(ajv);
    return ajv;
  };
  return { body: make(false), other: make('array') };
}

const httpRequests = counter({
  name: 'clinic_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'],
});
const httpDuration = histogram({
  name: 'clinic_http_request_duration_seconds',
  help: 'Time from a request received to its answer sent, by method and route pattern',
  labelNames: ['method', 'route'],
});

/** The route label of the requests no route matched: one series for all of them, whatever their URLs. */
export const UNMATCHED_ROUTE = 'unmatched';

const errorCodes: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

/** The words for a one-line text (SingleLineText of the contracts) refused for a character it holds. */
function unsafeTextMessage(problem: { keyword: string; params: Record<string, unknown> }): string | undefined {
  if (problem.keyword !== 'pattern' || !String(problem.params.pattern).includes(UNSAFE_TEXT_CHARACTERS)) return undefined;
  return 'must be one line of visible text, without control characters or invisible direction marks (such as U+202E)';
}

/** The one error format: `{"error": {"code", "message", "details?"}}`, whatever was thrown. */
function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply.status(error.statusCode).send({
      error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) },
    });
  }
  if (error.validation) {
    const context = error.validationContext ?? 'request';
    const details = error.validation.map((v) => ({
      path: v.instancePath || '/',
      message: unsafeTextMessage(v) ?? v.message,
      params: v.params,
    }));
    // A text refused for what it holds is said in words, not with the pattern it failed.
    const message = details.some((d, i) => d.message !== error.validation![i]!.message)
      ? details.map((d) => `${context}${d.path === '/' ? '' : d.path} ${d.message}`).join(', ')
      : error.message;
    return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: `Invalid ${context}: ${message}`, details } });
  }
  const status = error.statusCode ?? 500;
  if (status < 500) {
    return reply.status(status).send({
      error: { code: errorCodes[error.code] ?? (status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST'), message: error.message },
    });
  }
  if (status === 502 || status === 503 || status === 504) {
    return reply.status(status).send({ error: { code: 'UNAVAILABLE', message: error.message } });
  }
  if (isDependencyUnavailable(error)) {
    request.log.warn({ err: error }, 'a dependency is unavailable');
    return reply.status(503).send({ error: { code: 'UNAVAILABLE', message: 'A service this request needs is unavailable; retry' } });
  }
  request.log.error({ err: error }, 'request failed');
  return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal error' } });
}

/** `/health` (the process is up) and `/ready` (its dependencies answer), hidden from the OpenAPI document. */
function registerProbes(app: App, options: HttpServerOptions) {
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
    const run = (checks: ReadinessChecks = {}) =>
      Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            await check();
            return [name, 'ok'] as const;
          } catch (error) {
            return [name, error instanceof Error ? error.message : String(error)] as const;
          }
        }),
      );
    const [results, optional] = await Promise.all([run(options.readiness), run(options.optionalReadiness)]);
    const ready = results.every(([, result]) => result === 'ok');
    const degraded = optional.filter(([, result]) => result !== 'ok');
    return reply.status(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'unavailable',
      checks: Object.fromEntries([...results, ...optional]),
      ...(degraded.length > 0 ? { degraded: Object.fromEntries(degraded) } : {}),
    });
  });
}

export async function createHttpServer(options: HttpServerOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimit,
    // A request id from upstream (the gateway) is kept so one request can be followed across services;
    // otherwise it is the request's trace id (http-tracing.ts).
    genReqId: beginServerSpan,
    childLoggerFactory: (logger, bindings, childOptions) => requestLogger(logger as Logger, bindings, childOptions),
    return503OnClosing: true,
    // A path parameter may be a signed token (an emailed appointment link, some 300 characters). The
    // router's bound is well above what any route's schema allows (1,000 at most), so that a parameter
    // just too long gets the schema's documented 400 rather than the router's own 414.
    routerOptions: { maxParamLength: 4_000 },
    // One line per request (below) instead of Fastify's two: a log line costs about as much as the
    // rest of a small request's work.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime }, 'request completed');
    // By the route's pattern (`/appointments/:id`), never the URL: a series per appointment would swamp Prometheus.
    const labels = { method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE };
    httpRequests.inc({ ...labels, status: String(reply.statusCode) });
    httpDuration.observe(labels, reply.elapsedTime / 1_000);
    endServerSpan(request.raw, request.routeOptions.url, reply.statusCode);
    done();
  });

  const validators = createValidators();
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? validators.body : validators.other).compile(schema));

  // Every request's work runs in its context (request-context.ts). Fastify carries the context across
  // the reading of the body (the socket's callbacks), so the handler and what it awaits still see it.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    withRequestContext(serverRequestContext(request.raw, request.id), done);
  });

  // Every route that validates input can answer 400 VALIDATION_FAILED: its OpenAPI description says
  // so without each route having to remember it.
  app.addHook('onRoute', (route) => {
    const schema = route.schema as
      { body?: unknown; querystring?: unknown; params?: unknown; response?: Record<string, unknown> } | undefined;
    if (schema?.response && (schema.body || schema.querystring || schema.params) && !schema.response[400]) {
      schema.response[400] = ErrorResponse;
    }
  });

  app.setErrorHandler(answerError);

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `No route ${request.method} ${request.url}` } });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: options.name, description: options.description, version: '1.0.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerProbes(app, options);

  return app;
}

import { pino, type Bindings, type ChildLoggerOptions, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { requestContext } from './request-context.ts';

export type { Logger };

/**
 * Marks the HTTP server's per-request loggers (and their children, which inherit it): their bindings
 * name the request id already, also in lines written after the request's context has ended.
 */
const NAMES_ITS_REQUEST = Symbol('names its request');

/** The per-request child logger the HTTP server logs a request's lines with. */
export function requestLogger(parent: Logger, bindings: Bindings, options: ChildLoggerOptions): Logger {
  return Object.assign(parent.child(bindings, options), { [NAMES_ITS_REQUEST]: true });
}

/**
 * The request id of the work in progress, as the field the HTTP server's own lines use (`reqId`),
 * so one request's lines are found by one id in every service, whichever logger wrote them.
 */
function requestIdField(_mergeObject: object, _level: number, logger: Logger): object {
  if ((logger as Logger & { [NAMES_ITS_REQUEST]?: true })[NAMES_ITS_REQUEST]) return {};
  const context = requestContext();
  return context ? { reqId: context.requestId } : {};
}

/**
 * Query parameters that carry credentials (Keycloak's logout id_token_hint, OAuth codes, signed links;
 * its login pages' session codes and client data, and the action tokens of emailed reset and
 * verification links, `key`) or what people typed about other people (an admin's search `q`, an
 * email, a login hint).
 */
const PRIVATE_QUERY_PARAMS =
  /([?&](?:id_token_hint|access_token|refresh_token|token|code|session_code|client_data|key|client_secret|password|signature|q|search|email|username|login_hint)=)[^&#]*/gi;

/** An email address, also percent-encoded (`%40`) as it is in a URL. */
const EMAIL_ADDRESS = /[\w.+%-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+/gi;

/** A text as it may be logged: every email address in it replaced. */
export const redactEmails = (text: string) => text.replace(EMAIL_ADDRESS, '[email]');

/** An emailed appointment link's token in a path (`/a/<token>`, `/appointments/links/<token>`): whoever holds it may cancel. */
const LINK_TOKEN_IN_PATH = /\/(a|links)\/[\w-]{16,}~[\w-]{16,}/g;

/** A URL as it may be logged: the values of private query parameters, link tokens and any email address in it replaced. */
export const redactUrl = (url: string) =>
  redactEmails(url.replace(PRIVATE_QUERY_PARAMS, '$1[redacted]').replace(LINK_TOKEN_IN_PATH, '/$1/[redacted]'));

/** An error as pino serializes it, with the email addresses its texts name (a database's `detail`, a mail server's refusal) replaced. */
function errorWithoutEmails(error: Error): unknown {
  const serialized: unknown = pino.stdSerializers.err(error);
  if (typeof serialized === 'string') return redactEmails(serialized);
  if (!serialized || typeof serialized !== 'object') return serialized;
  for (const [key, value] of Object.entries(serialized)) {
    if (typeof value === 'string') (serialized as Record<string, unknown>)[key] = redactEmails(value);
  }
  return serialized;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
  headers?: Record<string, unknown>;
}

/**
 * JSON logs; credentials are redacted wherever they appear in a logged request, and neither a search
 * term nor an email address reaches a request line or an error. Lines go to standard
 * output unless `destination` is given (tests read them there). Each request is one line, `request
 * completed`, with the request, its status and its time (see http.ts).
 */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: requestIdField,
    serializers: {
      err: errorWithoutEmails,
      // The request line as Fastify logs it, with credentials and private texts in the query string blanked out.
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
        host: req.host ?? req.hostname,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        'headers.authorization',
        '*.headers.authorization',
        'password',
        '*.password',
        'client_secret',
        '*.client_secret',
        'token',
        '*.token',
        '*.access_token',
        '*.refresh_token',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  };
  // Standard output written asynchronously: lines logged while a write is under way go out together in
  // the next one, instead of one system call per line; pino writes what is left when the process exits.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}

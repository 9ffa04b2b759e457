import { pino, type Logger } from 'pino';

export type { Logger };

/** Query parameters that carry credentials (Keycloak's logout id_token_hint, OAuth codes, signed links). */
const SECRET_QUERY_PARAMS = /([?&](?:id_token_hint|access_token|refresh_token|token|code|client_secret|password|signature)=)[^&#]*/gi;

/** A URL as it may be logged: the values of credential-carrying query parameters are replaced. */
export const redactUrl = (url: string) => url.replace(SECRET_QUERY_PARAMS, '$1[redacted]');

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
  headers?: Record<string, unknown>;
}

/** JSON logs; credentials are redacted wherever they appear in a logged request. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      // The request line as Fastify logs it, with credentials in the query string blanked out.
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
  });
}

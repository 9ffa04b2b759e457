import { errorResponses, Page, PageQuery } from '@clinic/contracts';
import { Type } from 'typebox';
import { hasRole, type Authenticator } from './auth.ts';
import type { Pool } from './db.ts';
import type { App } from './http.ts';
import { isoTimestamp, selectPage } from './sql.ts';

/**
 * The audit trail of admin actions. A route says what it does with `config: { audit: 'ROLE_CHANGED' }`;
 * when an admin's call to it succeeds, one row goes into the service's `audit_log` table (its own
 * migration) before the answer leaves, so an admin who got the answer finds the row. Who: the admin's
 * id and name; what: the action, the route's path parameters and the request body; when: the time.
 */
export const AuditEntry = Type.Object({
  id: Type.String({ format: 'uuid' }),
  at: Type.String({ format: 'date-time' }),
  actor_id: Type.String(),
  actor_name: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  method: Type.String(),
  path: Type.String(),
  target: Type.Record(Type.String(), Type.String()),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The audit action an admin's successful call to this route records. */
    audit?: string;
  }
}

export async function recordAdminActions(app: App, pool: Pool) {
  app.addHook('onSend', async (request, reply, payload) => {
    const action = request.routeOptions.config.audit;
    if (!action || reply.statusCode >= 300 || !request.principal || !hasRole(request.principal, 'ADMIN')) return payload;
    try {
      await pool.query(
        `INSERT INTO audit_log (actor_id, actor_name, action, method, path, target, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          request.principal.id,
          request.principal.name ?? request.principal.email ?? null,
          action,
          request.method,
          request.url.split('?')[0],
          JSON.stringify(request.params ?? {}),
          isObject(request.body) ? JSON.stringify(request.body) : null,
        ],
      );
    } catch (error) {
      // The action is done; a missing audit row must be visible in the logs, not undo it.
      request.log.error({ err: error, action }, 'could not record the admin action');
    }
    return payload;
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `GET <path>`: the service's audit trail, newest first (ADMIN). */
export function auditRoute(app: App, auth: Authenticator, pool: Pool, path: string, tag: string) {
  app.get(
    path,
    {
      preHandler: auth.require('ADMIN'),
      schema: {
        summary: 'The audit trail of admin actions on this service, newest first (ADMIN)',
        tags: [tag],
        security: [{ bearer: [] }],
        querystring: PageQuery,
        response: { 200: Page(AuditEntry), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      selectPage(
        pool,
        `SELECT id, ${isoTimestamp('at')} AS at, actor_id, actor_name, action, method, path, target, details FROM audit_log`,
        [],
        'at DESC, id',
        request.query,
      ),
  );
}

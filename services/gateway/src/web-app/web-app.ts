import { sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from '@clinic/service-kit';
import { faviconIco } from './favicon.ts';

/**
 * What the built web app needs and no more: its own scripts, styles and API calls, and Keycloak's pages
 * under the same origin (`/auth`), which the login redirects to and silent renewal loads in a frame.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "frame-ancestors 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/**
 * Paths the gateway routes elsewhere, or never serves: never answered with the app. `/metrics` is a
 * plain 404 here (every process's metrics are on a listener of its own), not the app's page.
 */
const NOT_THE_APP = /^\/(api|auth|metrics)(\/|$)/;
/** A path naming a file (it has an extension) that does not exist is a 404, not the app. */
const FILE_LIKE = /\/[^/]*\.[^/]*$/;

/**
 * Serves the built web app: files by name, hashed assets (`/assets/…`, their name changes with their
 * content) cached for a year, `index.html` revalidated on every load, and `index.html` for every other
 * GET so the app's own router handles deep links (history fallback), and `/favicon.ico` (favicon.ts).
 * `policy` is the CSP to send.
 */
export async function serveWebApp(app: App, root: string, policy?: string) {
  const immutable = `${sep}assets${sep}`;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: 'index.html',
    cacheControl: false,
    // @fastify/static calls this with the reply (its types still say a raw response).
    setHeaders: (reply: unknown, path: string) => {
      const headers = { 'cache-control': path.includes(immutable) ? 'public, max-age=31536000, immutable' : 'no-cache' };
      (reply as { headers(values: Record<string, string>): void }).headers(
        policy ? { ...headers, 'content-security-policy': policy } : headers,
      );
    },
  });
  const icon = faviconIco();
  app.get('/favicon.ico', { schema: { hide: true } }, (_request, reply) =>
    reply.header('content-type', 'image/x-icon').header('cache-control', 'public, max-age=86400').send(icon),
  );
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (NOT_THE_APP.test(path) || FILE_LIKE.test(path)) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}

// What of Keycloak the gateway passes on: the pages and endpoints browsers and the command line need of
// the clinic's realm, nothing else (no admin console, no admin API, no master realm, no other realm).

/**
 * The path as a server that decodes and normalises it would see it: query cut off, each segment's
 * matrix parameters (`;x`) dropped and its percent-encoding decoded, empty and `.` segments dropped,
 * `..` applied. Undefined for a path no honest client sends: broken percent-encoding, a segment that
 * decodes to a slash, a backslash, a `%` (double encoding), a `;` or a control character.
 */
export function normalisePath(rawUrl: string): string | undefined {
  const path = rawUrl.split(/[?#]/, 1)[0]!;
  if (!path.startsWith('/')) return undefined;
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw.split(';', 1)[0]!);
    } catch {
      return undefined;
    }
    if (/[/\\%;\u0000-\u001f\u007f]/.test(segment)) return undefined;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** Where the realm's endpoints live, below /auth/realms/<realm>/. */
const REALM_PATHS: RegExp[] = [
  /^\.well-known\/openid-configuration$/,
  // Login page, code and password grants, logout (and its confirmation page), keys, userinfo,
  // the registration shortcut, revocation, and the frames oidc-client-ts uses for session checks.
  /^protocol\/openid-connect\/(auth|token|certs|userinfo|registrations|revoke|login-status-iframe\.html(\/init)?)$/,
  /^protocol\/openid-connect\/logout(\/logout-confirm)?$/,
  /^protocol\/openid-connect\/3p-cookies\/step[12]\.html$/,
  // The forms of the login flow: password, registration, reset, required actions, emailed action links.
  /^login-actions\/[a-z-]+$/,
];

/** Static files of the login pages (and the common ones they load); the admin and account themes' are not served. */
const RESOURCE_PATH = /^\/auth\/resources\/[A-Za-z0-9._-]+\/(login|common)\/[A-Za-z0-9._\-/]+$/;

/**
 * Whether the gateway passes a request for `rawUrl` to Keycloak. Only a path already in its normal
 * form qualifies, so what Keycloak receives is exactly what was checked: `/auth/admin;x/…`,
 * `/auth/%61dmin/…` and `/auth/realms/clinic/../master/…` are refused along with `/auth/admin/…`.
 */
export function passesToKeycloak(rawUrl: string, realm: string): boolean {
  const path = normalisePath(rawUrl);
  if (path === undefined || path !== rawUrl.split(/[?#]/, 1)[0]) return false;
  if (RESOURCE_PATH.test(path)) return true;
  const realmPrefix = `/auth/realms/${realm}/`;
  if (!path.startsWith(realmPrefix)) return false;
  const rest = path.slice(realmPrefix.length);
  return REALM_PATHS.some((allowed) => allowed.test(rest));
}

/** A request that submits a password: what the login throttle counts. */
export type LoginSubmission = 'login-form' | 'password-grant';

/**
 * Whether the request submits a password to realm `realm`: the login page's form (`login-actions/
 * authenticate`) or the token endpoint's password grant (the body is the form clients post).
 */
export function loginSubmission(method: string, rawUrl: string, realm: string, body: unknown): LoginSubmission | undefined {
  if (method !== 'POST') return undefined;
  const path = normalisePath(rawUrl);
  if (path === `/auth/realms/${realm}/login-actions/authenticate`) return 'login-form';
  if (path === `/auth/realms/${realm}/protocol/openid-connect/token`) {
    const grant = typeof body === 'string' ? new URLSearchParams(body).get('grant_type') : undefined;
    return grant === 'password' ? 'password-grant' : undefined;
  }
  return undefined;
}

/**
 * Whether Keycloak's answer to a password submission says the password was wrong: the login form
 * comes back (200) with its error, where a right one redirects (302) on; the password grant answers
 * 400 or 401 (`invalid_grant`).
 */
export function loginFailed(submission: LoginSubmission, statusCode: number): boolean {
  return submission === 'login-form' ? statusCode === 200 : statusCode === 400 || statusCode === 401;
}

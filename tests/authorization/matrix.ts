// The authorization matrix: every route of every service × every kind of caller → the status the
// platform answers. One table, read by the end-to-end test that walks it against the running platform
// (tests/e2e/authorization-matrix.test.ts) and rendered into docs/authorization.md
// (`npm run docs:authorization`; a unit test fails when the committed document differs).
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

export const ACTORS = ['anonymous', 'owner', 'otherPatient', 'assignedDoctor', 'otherDoctor', 'admin', 'service'] as const;
export type Actor = (typeof ACTORS)[number];

export const ACTOR_TITLES: Record<Actor, string> = {
  anonymous: 'anonymous',
  owner: 'patient who owns it',
  otherPatient: 'another patient',
  assignedDoctor: 'the assigned doctor',
  otherDoctor: 'another doctor',
  admin: 'admin',
  service: 'service account',
};

export const SERVICES = ['user-service', 'doctor-service', 'appointment-service', 'notification-service', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteRule {
  service: ServiceName;
  method: Method;
  /** Fastify's path, as the service declares it (`:id`). */
  path: string;
  /**
   * public: reached through the gateway under /api (the test calls it there). internal: for the
   * platform's services only; the gateway answers 404 to everyone and the test calls the service directly.
   */
  exposure: 'public' | 'internal';
  /** Whose resource the route acts on, for the reader of the table. */
  target: string;
  expected: Record<Actor, number>;
}

type Statuses = Record<Actor, number>;

const everyone = (status: number): Statuses => Object.fromEntries(ACTORS.map((actor) => [actor, status])) as Statuses;
/** A valid token of any kind; no token: 401. */
const anyToken = (status: number, overrides: Partial<Statuses> = {}): Statuses => ({ ...everyone(status), anonymous: 401, ...overrides });
/** One role's route: 401 without a token, 403 for every other role. */
const onlyRole = (allowed: Partial<Statuses>): Statuses => ({ ...everyone(403), anonymous: 401, ...allowed });
const adminOnly = (status: number) => onlyRole({ admin: status });
const serviceOnly = (status: number) => onlyRole({ service: status });
/** ADMIN or DOCTOR routes on a doctor's own calendar or appointment: another doctor gets 404 (someone else's). */
const staffOf = (status: number) => onlyRole({ assignedDoctor: status, otherDoctor: 404, admin: status });
/** Any token; the parties of the appointment and admins see it, everyone else gets 404. */
const partiesOf = (status: number): Statuses => anyToken(404, { owner: status, assignedDoctor: status, admin: status });

const rule = (
  service: ServiceName,
  method: Method,
  path: string,
  target: string,
  expected: Statuses,
  exposure: RouteRule['exposure'] = 'public',
): RouteRule => ({ service, method, path, exposure, target, expected });

const catalog = (path: string, noun: string): RouteRule[] => [
  rule('doctor-service', 'GET', path, 'the catalogue', everyone(200)),
  rule('doctor-service', 'GET', `${path}/:id`, `a ${noun}`, everyone(200)),
  rule('doctor-service', 'POST', path, 'the catalogue', adminOnly(201)),
  rule('doctor-service', 'PUT', `${path}/:id`, `a ${noun}`, adminOnly(200)),
  rule('doctor-service', 'DELETE', `${path}/:id`, `an unused ${noun} (fresh per call)`, adminOnly(204)),
];

export const MATRIX: RouteRule[] = [
  // user-service
  rule('user-service', 'POST', '/users/register', 'a new account (fresh email per call)', everyone(201)),
  rule('user-service', 'GET', '/users/me', 'the caller', anyToken(200, { service: 403 })),
  rule('user-service', 'PUT', '/users/me', 'the caller', anyToken(200, { service: 403 })),
  rule('user-service', 'POST', '/users/sync-keycloak', 'the caller', anyToken(200, { service: 403 })),
  rule('user-service', 'GET', '/users/password-policy', 'the realm’s password policy', everyone(200)),
  // Every actor's address is verified already (409 EMAIL_ALREADY_VERIFIED): allowed, and nothing to send.
  rule('user-service', 'POST', '/users/me/verification-email', 'the caller', anyToken(409, { service: 403 })),
  rule('user-service', 'GET', '/users/me/export', 'the caller’s data', anyToken(200, { service: 403 })),
  rule(
    'user-service',
    'DELETE',
    '/users/me',
    'the caller’s account (a fresh patient per call)',
    onlyRole({ owner: 204, otherPatient: 204 }),
  ),
  rule('user-service', 'GET', '/users', 'every user', adminOnly(200)),
  rule('user-service', 'GET', '/users/:id', 'the owner’s profile', anyToken(404, { owner: 200, admin: 200, service: 200 })),
  rule('user-service', 'PUT', '/users/:id', 'the owner’s profile', adminOnly(200)),
  rule('user-service', 'PUT', '/users/:id/role', 'a patient (fresh per call)', adminOnly(200)),
  rule('user-service', 'DELETE', '/users/:id', 'a patient (fresh per call)', adminOnly(204)),
  rule('user-service', 'GET', '/users/audit', 'the audit trail of admin actions', adminOnly(200)),
  rule('user-service', 'GET', '/internal/users/:id/contact', 'the owner’s contact', serviceOnly(200), 'internal'),
  // Family members: a patient's own (another patient's answers 404), read by the front desk, checked by appointment-service.
  rule('user-service', 'GET', '/users/me/family-members', 'the caller’s family', onlyRole({ owner: 200, otherPatient: 200 })),
  rule('user-service', 'POST', '/users/me/family-members', 'the caller’s family', onlyRole({ owner: 201, otherPatient: 201 })),
  rule('user-service', 'PATCH', '/users/me/family-members/:id', 'the owner’s family member', onlyRole({ owner: 200, otherPatient: 404 })),
  rule(
    'user-service',
    'DELETE',
    '/users/me/family-members/:id',
    'the owner’s family member (fresh per call)',
    onlyRole({ owner: 204, otherPatient: 404 }),
  ),
  rule('user-service', 'GET', '/users/:id/family-members', 'the owner’s family', adminOnly(200)),
  rule('user-service', 'GET', '/internal/users/:id/family-members/:memberId', 'the owner’s family member', serviceOnly(200), 'internal'),
  rule('user-service', 'GET', '/internal/users/token-not-befores', 'the recent not-befores', serviceOnly(200), 'internal'),

  // doctor-service
  ...catalog('/specializations', 'specialization'),
  ...catalog('/cabinets', 'cabinet'),
  rule('doctor-service', 'GET', '/doctors', 'the directory', everyone(200)),
  rule('doctor-service', 'GET', '/doctors/:id', 'the assigned doctor', everyone(200)),
  rule('doctor-service', 'POST', '/doctors', 'a patient made a doctor (fresh per call)', adminOnly(201)),
  rule('doctor-service', 'PUT', '/doctors/:id', 'the assigned doctor', adminOnly(200)),
  rule('doctor-service', 'DELETE', '/doctors/:id', 'a doctor without appointments (fresh per call)', adminOnly(204)),
  rule('doctor-service', 'GET', '/doctors/:id/schedule', 'the assigned doctor’s week', everyone(200)),
  rule('doctor-service', 'POST', '/doctors/:id/schedule', 'the assigned doctor’s week', staffOf(201)),
  rule(
    'doctor-service',
    'DELETE',
    '/doctors/:doctor_id/schedule/:schedule_id',
    'an entry of the assigned doctor (fresh per call)',
    staffOf(204),
  ),
  rule('doctor-service', 'GET', '/doctors/:id/time-off', 'the assigned doctor’s days off', staffOf(200)),
  rule('doctor-service', 'POST', '/doctors/:id/time-off', 'the assigned doctor’s days off', staffOf(201)),
  rule(
    'doctor-service',
    'DELETE',
    '/doctors/:doctor_id/time-off/:time_off_id',
    'days off of the assigned doctor (fresh per call)',
    staffOf(204),
  ),
  rule('doctor-service', 'GET', '/doctors/:id/available-slots', 'the assigned doctor’s free slots', everyone(200)),
  rule('doctor-service', 'GET', '/doctors/:id/availability', 'the assigned doctor’s free slots', everyone(200)),
  rule('doctor-service', 'GET', '/doctors/:id/booking-limits', 'the assigned doctor’s notice and buffer', everyone(200)),
  rule('doctor-service', 'PUT', '/doctors/:id/booking-limits', 'the assigned doctor’s notice and buffer', adminOnly(200)),
  rule('doctor-service', 'GET', '/doctors/booking-rules', 'the clinic’s booking rules', everyone(200)),
  rule('doctor-service', 'GET', '/doctors/closed-days', 'the clinic’s closed days', everyone(200)),
  rule('doctor-service', 'POST', '/doctors/closed-days', 'a closed day (fresh per call)', adminOnly(201)),
  rule('doctor-service', 'DELETE', '/doctors/closed-days/:date', 'a closed day (fresh per call)', adminOnly(204)),
  rule('doctor-service', 'GET', '/doctors/audit', 'the audit trail of admin actions', adminOnly(200)),
  rule('doctor-service', 'GET', '/doctors/:id/visit-types', 'the assigned doctor’s visit types', everyone(200)),
  rule('doctor-service', 'POST', '/doctors/:id/visit-types', 'another doctor’s own visit types', adminOnly(201)),
  rule('doctor-service', 'GET', '/specializations/:id/visit-types', 'a specialization’s default visit types', everyone(200)),
  rule('doctor-service', 'POST', '/specializations/:id/visit-types', 'a specialization’s default visit types', adminOnly(201)),
  rule('doctor-service', 'PUT', '/visit-types/:id', 'a visit type', adminOnly(200)),
  rule('doctor-service', 'POST', '/visit-types/:id/archive', 'a visit type (fresh per call)', adminOnly(200)),
  rule('doctor-service', 'GET', '/internal/doctors/:id/booking-profile', 'the assigned doctor', serviceOnly(200), 'internal'),
  rule(
    'doctor-service',
    'POST',
    '/internal/doctors/by-user/:id/retire',
    'the owner (no doctor record: nothing to delete)',
    serviceOnly(200),
    'internal',
  ),

  // appointment-service
  rule(
    'appointment-service',
    'POST',
    '/appointments',
    'a free slot of the assigned doctor, for the owner (fresh per call; an admin is the front desk)',
    onlyRole({ owner: 201, otherPatient: 403, admin: 201 }),
  ),
  rule(
    'appointment-service',
    'GET',
    '/appointments',
    'the staff listing (a doctor sees their own)',
    onlyRole({ assignedDoctor: 200, otherDoctor: 200, admin: 200 }),
  ),
  rule('appointment-service', 'GET', '/appointments/my', 'the caller’s appointments', onlyRole({ owner: 200, otherPatient: 200 })),
  rule('appointment-service', 'GET', '/appointments/my/history', 'the caller’s appointments', onlyRole({ owner: 200, otherPatient: 200 })),
  rule('appointment-service', 'GET', '/appointments/rules', 'the clinic’s change rules (the patient cut-off)', anyToken(200)),
  rule('appointment-service', 'GET', '/appointments/:id', 'the owner’s appointment', partiesOf(200)),
  rule('appointment-service', 'GET', '/appointments/:id/pdf', 'the owner’s appointment', partiesOf(200)),
  rule('appointment-service', 'GET', '/appointments/:id/timeline', 'the owner’s appointment (its story, for staff)', staffOf(200)),
  rule('appointment-service', 'GET', '/appointments/:id/pdf/download', 'a signed link (the signature is the permission)', everyone(200)),
  rule('appointment-service', 'GET', '/appointments/links/:token', 'an emailed link of the owner’s appointment', everyone(200)),
  rule('appointment-service', 'GET', '/appointments/links/:token/pdf', 'an emailed link of the owner’s appointment', everyone(200)),
  rule(
    'appointment-service',
    'POST',
    '/appointments/links/:token/cancel',
    'an emailed link of an appointment of the owner (fresh per call; the link is the permission)',
    everyone(200),
  ),
  rule(
    'appointment-service',
    'POST',
    '/appointments/links/:token/reschedule',
    'an emailed link of an appointment of the owner (fresh per call; the link is the permission)',
    everyone(200),
  ),
  rule(
    'appointment-service',
    'PUT',
    '/appointments/:id',
    'an appointment of the owner (fresh per call)',
    onlyRole({ owner: 200, otherPatient: 404, assignedDoctor: 200, otherDoctor: 404, admin: 200 }),
  ),
  rule('appointment-service', 'PUT', '/appointments/:id/cancel', 'an appointment of the owner (fresh per call)', partiesOf(200)),
  rule('appointment-service', 'PUT', '/appointments/:id/confirm', 'an appointment of the owner (fresh per call)', staffOf(200)),
  // The appointment has not started: its staff reach the rule's 409, nobody else gets that far.
  rule('appointment-service', 'PUT', '/appointments/:id/no-show', 'the owner’s appointment (not started yet)', staffOf(409)),
  rule('appointment-service', 'GET', '/appointments/audit', 'the audit trail of admin actions', adminOnly(200)),
  rule(
    'appointment-service',
    'POST',
    '/waitlist',
    'the assigned doctor’s waitlist (a range per caller; an admin, the front desk, must name the patient)',
    // The request names no patient: the front desk is let in, and asked whom it adds (400 PATIENT_REQUIRED).
    onlyRole({ owner: 201, otherPatient: 201, admin: 400 }),
  ),
  rule('appointment-service', 'GET', '/waitlist/my', 'the caller’s waitlist entries', onlyRole({ owner: 200, otherPatient: 200 })),
  rule(
    'appointment-service',
    'DELETE',
    '/waitlist/:id',
    'a waitlist entry of the owner (fresh per call)',
    onlyRole({ owner: 204, otherPatient: 404 }),
  ),
  rule('appointment-service', 'GET', '/waitlist', 'the assigned doctor’s waiters', staffOf(200)),
  rule('appointment-service', 'GET', '/internal/busy', 'the assigned doctor’s appointments', serviceOnly(200), 'internal'),
  rule(
    'appointment-service',
    'POST',
    '/internal/doctors/:id/retire',
    'the assigned doctor’s appointments ahead',
    serviceOnly(200),
    'internal',
  ),
  rule(
    'appointment-service',
    'POST',
    '/internal/doctors/:id/reconcile',
    'the assigned doctor’s appointments ahead (listed, none cancelled)',
    serviceOnly(200),
    'internal',
  ),
  rule('appointment-service', 'GET', '/events/pending', 'the event log', serviceOnly(200), 'internal'),
  rule('appointment-service', 'GET', '/internal/appointments/:id/events', 'the owner’s appointment', serviceOnly(200), 'internal'),
  rule(
    'appointment-service',
    'GET',
    '/internal/appointments/:id/pdf-download-link',
    'the owner’s appointment',
    serviceOnly(200),
    'internal',
  ),
  rule('appointment-service', 'GET', '/internal/patients/:id/records', 'the owner’s records', serviceOnly(200), 'internal'),
  rule('appointment-service', 'GET', '/internal/reminders/due', 'appointments due', serviceOnly(200), 'internal'),
  rule('appointment-service', 'POST', '/internal/appointments/:id/reminder-due', 'the owner’s appointment', serviceOnly(200), 'internal'),
  rule('appointment-service', 'PUT', '/events/:id/processed', 'an event of the owner’s appointment', serviceOnly(200), 'internal'),
  rule('appointment-service', 'PUT', '/events/processed', 'events of the owner’s appointment', serviceOnly(200), 'internal'),

  // notification-service
  rule('notification-service', 'POST', '/notifications/send', 'a message to the owner', adminOnly(202)),
  rule('notification-service', 'GET', '/internal/users/:id/notifications', 'the owner’s notifications', serviceOnly(200), 'internal'),
  rule(
    'notification-service',
    'GET',
    '/internal/appointments/:id/notifications',
    'the owner’s appointment’s notifications',
    serviceOnly(200),
    'internal',
  ),
  rule('notification-service', 'GET', '/notifications/my', 'the caller’s notifications', anyToken(200)),
  rule('notification-service', 'GET', '/notifications/user/:id', 'the owner’s notifications', anyToken(404, { owner: 200, admin: 200 })),
  rule('notification-service', 'GET', '/notifications/appointment/:id', 'the owner’s appointment', partiesOf(200)),
  rule('notification-service', 'GET', '/notifications/audit', 'the audit trail of admin actions', adminOnly(200)),
  // The gateway's own routes (under /api, like the routes it forwards).
  rule('gateway', 'GET', '/system/overview', 'the platform’s metrics and alerts', adminOnly(200)),
  rule('gateway', 'GET', '/system/traces/:traceId', 'a request’s trace (an id Jaeger does not hold: 404)', adminOnly(404)),
];

export const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

/** An OpenAPI path (`/users/{id}`) in Fastify's spelling (`/users/:id`). */
export const fromOpenApiPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/** docs/authorization.md, generated from the table. */
export function renderMatrix(rules: RouteRule[] = MATRIX): string {
  const header = ['Route', 'Target', ...ACTORS.map((actor) => ACTOR_TITLES[actor])];
  const lines = [
    '# Authorization matrix',
    '',
    '<!-- Generated from tests/authorization/matrix.ts by `npm run docs:authorization`; do not edit by hand. -->',
    '',
    'The status every route answers to each kind of caller, as `tests/e2e/authorization-matrix.test.ts`',
    'checks it against the running platform. The test also fails when a service’s OpenAPI document lists a',
    'route this table does not.',
    '',
    '- **Public** routes are called through the gateway (`/api/...`).',
    '- **Internal** routes are for the platform’s services only: the gateway answers 404 to everyone, and',
    '  the service itself answers only the service account (the `clinic-services` client, role SERVICE).',
    '- 401: no token. 403: the caller’s role may never do this. 404: someone else’s resource (a patient’s',
    '  appointment, another doctor’s calendar), answered as if it did not exist.',
    '- “Fresh per call”: each call gets its own target, so a destructive call never changes what the next',
    '  caller is checked against.',
    '',
  ];
  for (const service of SERVICES) {
    lines.push(`## ${service}`, '', `| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
    for (const route of rules.filter((r) => r.service === service)) {
      const name = `\`${route.method} ${route.path}\`${route.exposure === 'internal' ? ' (internal)' : ''}`;
      lines.push(`| ${[name, route.target, ...ACTORS.map((actor) => String(route.expected[actor]))].join(' | ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export const AUTHORIZATION_DOC = fileURLToPath(new URL('../../docs/authorization.md', import.meta.url));

/** The document as committed: rendered, then formatted as the repository formats Markdown. */
export async function authorizationDocument(): Promise<string> {
  const options = await prettier.resolveConfig(AUTHORIZATION_DOC);
  return prettier.format(renderMatrix(), { ...options, filepath: AUTHORIZATION_DOC });
}

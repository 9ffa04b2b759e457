// Walks the authorization matrix (tests/authorization/matrix.ts) against the running platform: every
// route × every kind of caller, public routes through the gateway, internal routes directly on their
// service (and through the gateway, where they must not exist). Valid requests throughout, so the
// answer is decided by who asks, not by what they send.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ACTORS, MATRIX, fromOpenApiPath, routeKey, type Actor, type RouteRule, type ServiceName } from '../authorization/matrix.ts';
import { freeSlots, type Slot } from '../support/booking.ts';
import { clinicDate, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { signedLinkToken } from '../support/email-links.ts';
import { http, type Json } from '../support/http.ts';
import { PASSWORD, passwordToken, registerPatient, serviceToken, uniqueEmail, type TestUser } from '../support/identity.ts';
import { bookThroughGateway, eventually, gateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

interface Call {
  /** The path with its parameters filled in, and its query string. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Instead of the actor's own token: a fresh account of the same kind, for a route that deletes its caller. */
  token?: string;
}

/** Builds the request of one route for one caller; `allowed` says whether the call should succeed (then its target is fresh where it is destroyed). */
type CallBuilder = (actor: Actor, allowed: boolean) => Promise<Call>;

// Tokens expire after a few minutes; each caller logs in again when theirs is old.
const TOKEN_AGE_MS = 120_000;

describe('authorization matrix', { timeout: 1_800_000 }, () => {
  let owner: TestUser;
  let otherPatient: TestUser;
  let assigned: CreatedDoctor;
  let other: CreatedDoctor;
  let appointment: Record<string, Json>;
  let slots: Slot[];
  let eventId: string;
  let downloadPath: string;
  const tokens = new Map<Actor, { token: string; at: number }>();

  async function tokenOf(actor: Actor): Promise<string | undefined> {
    if (actor === 'anonymous') return undefined;
    const cached = tokens.get(actor);
    if (cached && Date.now() - cached.at < TOKEN_AGE_MS) return cached.token;
    const { demoAdmin } = testStack().keycloak;
    const login: Record<Exclude<Actor, 'anonymous'>, () => Promise<string>> = {
      owner: () => passwordToken(owner.email, owner.password),
      otherPatient: () => passwordToken(otherPatient.email, otherPatient.password),
      assignedDoctor: () => passwordToken(assigned.user.email, assigned.user.password),
      otherDoctor: () => passwordToken(other.user.email, other.user.password),
      admin: () => passwordToken(demoAdmin.username, demoAdmin.password),
      service: serviceToken,
    };
    const token = await login[actor]();
    tokens.set(actor, { token, at: Date.now() });
    return token;
  }
  const admin = async () => (await tokenOf('admin'))!;

  const serviceUrl = (service: ServiceName) => {
    const { services } = testStack();
    return services[service] ?? services[`${service}-1`]!;
  };

  /** Calls as the admin, insisting on the status; for fixtures. */
  async function asAdmin(status: number, service: ServiceName, path: string, body?: unknown) {
    const answer = await http(`${serviceUrl(service)}${path}`, { method: body === undefined ? 'GET' : 'POST', token: await admin(), body });
    assert.equal(answer.status, status, `${path}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  const nextSlot = () => {
    const slot = slots.shift();
    assert.ok(slot, 'out of free slots');
    return slot;
  };
  const bookForOwner = async () => bookThroughGateway({ ...owner, token: (await tokenOf('owner'))! }, assigned.doctor.id, nextSlot());

  /** A target made once per route for the calls that must be refused, fresh ones for those that succeed. */
  function freshWhenAllowed(make: () => Promise<string>): (allowed: boolean) => Promise<string> {
    let decoy: Promise<string> | undefined;
    return (allowed) => (allowed ? make() : (decoy ??= make()));
  }

  let window = 0;
  /** A working-hours entry no other entry of the assigned doctor overlaps: evenings, one half hour each. */
  const freeWindow = () => {
    const n = window++;
    const start = 20 * 60 + 30 * Math.floor(n / 7);
    const time = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return { weekday: 1 + (n % 7), start_time: time(start), end_time: time(start + 30), slot_minutes: 30 };
  };
  let offDay = 100;
  const daysOff = () => ({ start_date: clinicDate(offDay), end_date: clinicDate(offDay++), reason: 'Authorization matrix' });

  const calls = new Map<string, CallBuilder>();
  const on = (method: string, path: string, build: CallBuilder) => calls.set(`${method} ${path}`, build);

  before(async () => {
    [owner, otherPatient, assigned, other] = await Promise.all([
      registerPatient('owner'),
      registerPatient('other'),
      createDoctor(),
      createDoctor({ schedule: [] }),
    ]);
    slots = await freeSlots(assigned.doctor.id, 60);
    appointment = await bookForOwner();
    const service = await serviceToken();
    const appointments = serviceUrl('appointment-service');
    const events = await http(`${appointments}/internal/appointments/${appointment.id}/events`, { token: service });
    eventId = events.body[0].id;
    // The PDF is made after the booking; the matrix expects it there.
    downloadPath = await eventually('the appointment’s PDF', async () => {
      const link = await http(`${appointments}/internal/appointments/${appointment.id}/pdf-download-link`, { token: service });
      return link.status === 200 ? (link.body.path as string) : undefined;
    });
    // A notification of the owner about the appointment, for the notification routes to show.
    await http(gateway('/notifications/send'), {
      method: 'POST',
      token: await admin(),
      body: { user_id: owner.id, subject: 'Authorization matrix', message: 'A message for the matrix', appointment_id: appointment.id },
    });

    // user-service
    const freshPatient = () => registerPatient('matrix-target').then((patient) => patient.id);
    on('POST', '/users/register', async () => ({
      path: '/users/register',
      body: { full_name: 'Matrix Caller', email: uniqueEmail('matrix'), password: PASSWORD },
    }));
    on('GET', '/users/me', async () => ({ path: '/users/me' }));
    // A patient allowed to delete themselves deletes a fresh account, never the matrix's own.
    on('DELETE', '/users/me', async (_actor, allowed) => ({
      path: '/users/me',
      ...(allowed ? { token: (await registerPatient('matrix-leaving')).token } : {}),
    }));
    on('GET', '/users/me/export', async () => ({ path: '/users/me/export' }));
    on('PUT', '/users/me', async () => ({ path: '/users/me', body: { language: 'ro' } }));
    on('POST', '/users/sync-keycloak', async () => ({ path: '/users/sync-keycloak' }));
    on('GET', '/users/password-policy', async () => ({ path: '/users/password-policy' }));
    on('POST', '/users/me/verification-email', async () => ({ path: '/users/me/verification-email' }));
    on('GET', '/users', async () => ({ path: '/users' }));
    on('GET', '/users/:id', async () => ({ path: `/users/${owner.id}` }));
    on('PUT', '/users/:id', async () => ({ path: `/users/${owner.id}`, body: { full_name: 'Test owner' } }));
    const roleTarget = freshWhenAllowed(freshPatient);
    on('PUT', '/users/:id/role', async (_actor, allowed) => ({
      path: `/users/${await roleTarget(allowed)}/role`,
      body: { role: 'PATIENT' },
    }));
    const deleteTarget = freshWhenAllowed(freshPatient);
    on('DELETE', '/users/:id', async (_actor, allowed) => ({ path: `/users/${await deleteTarget(allowed)}` }));
    on('GET', '/users/audit', async () => ({ path: '/users/audit' }));
    on('GET', '/internal/users/:id/contact', async () => ({ path: `/internal/users/${owner.id}/contact` }));
    on('GET', '/internal/users/token-not-befores', async () => ({ path: '/internal/users/token-not-befores' }));
    const newMember = { full_name: 'Matrix Child', birth_date: '2015-01-01', relation: 'child' };
    const addMember = async () =>
      (await http(gateway('/users/me/family-members'), { method: 'POST', token: await tokenOf('owner'), body: newMember })).body
        .id as string;
    const member = await addMember();
    on('GET', '/users/me/family-members', async () => ({ path: '/users/me/family-members' }));
    on('POST', '/users/me/family-members', async () => ({ path: '/users/me/family-members', body: newMember }));
    on('PATCH', '/users/me/family-members/:id', async () => ({ path: `/users/me/family-members/${member}`, body: { relation: 'child' } }));
    const memberToRemove = freshWhenAllowed(addMember);
    on('DELETE', '/users/me/family-members/:id', async (_actor, allowed) => ({
      path: `/users/me/family-members/${await memberToRemove(allowed)}`,
    }));
    on('GET', '/users/:id/family-members', async () => ({ path: `/users/${owner.id}/family-members` }));
    on('GET', '/internal/users/:id/family-members/:memberId', async () => ({
      path: `/internal/users/${owner.id}/family-members/${member}`,
    }));

    // doctor-service: the catalogue
    const catalogue = [
      {
        path: '/specializations',
        create: () => ({ name: `Matrix specialization ${randomUUID().slice(0, 8)}`, description: 'Authorization matrix' }),
        change: { description: 'Checked by the authorization matrix' },
        id: assigned.doctor.specialization.id,
      },
      {
        path: '/cabinets',
        create: () => ({ name: `Matrix cabinet ${randomUUID().slice(0, 8)}`, location: 'Matrix wing', floor: 2 }),
        change: { location: 'Matrix wing, checked' },
        id: assigned.doctor.cabinet.id,
      },
    ];
    for (const { path, create, change, id } of catalogue) {
      on('GET', path, async () => ({ path }));
      on('GET', `${path}/:id`, async () => ({ path: `${path}/${id}` }));
      on('POST', path, async () => ({ path, body: create() }));
      on('PUT', `${path}/:id`, async () => ({ path: `${path}/${id}`, body: change }));
      const unused = freshWhenAllowed(async () => (await asAdmin(201, 'doctor-service', path, create())).id);
      on('DELETE', `${path}/:id`, async (_actor, allowed) => ({ path: `${path}/${await unused(allowed)}` }));
    }

    // doctor-service: doctors and their calendars
    const doctorId = assigned.doctor.id;
    on('GET', '/doctors', async () => ({ path: '/doctors' }));
    on('GET', '/doctors/:id', async () => ({ path: `/doctors/${doctorId}` }));
    on('POST', '/doctors', async () => ({
      path: '/doctors',
      body: {
        user_id: await freshPatient(),
        specialization_id: assigned.doctor.specialization.id,
        cabinet_id: assigned.doctor.cabinet.id,
        bio: 'Made by the authorization matrix',
        years_experience: 3,
      },
    }));
    on('PUT', '/doctors/:id', async () => ({ path: `/doctors/${doctorId}`, body: { bio: 'Checked by the authorization matrix' } }));
    const idleDoctor = freshWhenAllowed(async () => (await createDoctor({ schedule: [], admin: await admin() })).doctor.id);
    on('DELETE', '/doctors/:id', async (_actor, allowed) => ({ path: `/doctors/${await idleDoctor(allowed)}` }));
    on('GET', '/doctors/:id/schedule', async () => ({ path: `/doctors/${doctorId}/schedule` }));
    on('POST', '/doctors/:id/schedule', async () => ({ path: `/doctors/${doctorId}/schedule`, body: freeWindow() }));
    const entry = freshWhenAllowed(async () => (await asAdmin(201, 'doctor-service', `/doctors/${doctorId}/schedule`, freeWindow())).id);
    on('DELETE', '/doctors/:doctor_id/schedule/:schedule_id', async (_actor, allowed) => ({
      path: `/doctors/${doctorId}/schedule/${await entry(allowed)}`,
    }));
    on('GET', '/doctors/:id/time-off', async () => ({ path: `/doctors/${doctorId}/time-off` }));
    on('POST', '/doctors/:id/time-off', async () => ({ path: `/doctors/${doctorId}/time-off`, body: daysOff() }));
    const timeOff = freshWhenAllowed(async () => (await asAdmin(201, 'doctor-service', `/doctors/${doctorId}/time-off`, daysOff())).id);
    on('DELETE', '/doctors/:doctor_id/time-off/:time_off_id', async (_actor, allowed) => ({
      path: `/doctors/${doctorId}/time-off/${await timeOff(allowed)}`,
    }));
    on('GET', '/doctors/:id/available-slots', async () => ({ path: `/doctors/${doctorId}/available-slots?date=${clinicDate(1)}` }));
    on('GET', '/doctors/:id/availability', async () => ({ path: `/doctors/${doctorId}/availability?from=${clinicDate(1)}&days=3` }));
    on('GET', '/doctors/:id/booking-limits', async () => ({ path: `/doctors/${doctorId}/booking-limits` }));
    on('PUT', '/doctors/:id/booking-limits', async () => ({
      path: `/doctors/${doctorId}/booking-limits`,
      body: { min_notice_minutes: null, buffer_minutes: null },
    }));
    on('GET', '/doctors/booking-rules', async () => ({ path: '/doctors/booking-rules' }));
    on('GET', '/doctors/closed-days', async () => ({ path: '/doctors/closed-days' }));
    // Closed days of a year far ahead, each date once, so that no booking of another test meets them.
    let closedDays = 0;
    const closedDay = () => {
      closedDays++;
      return { date: new Date(Date.UTC(2095, 0, closedDays)).toISOString().slice(0, 10), name_ro: 'Matrice', name_en: 'Matrix' };
    };
    on('POST', '/doctors/closed-days', async () => ({ path: '/doctors/closed-days', body: closedDay() }));
    const closed = freshWhenAllowed(async () => (await asAdmin(201, 'doctor-service', '/doctors/closed-days', closedDay())).date);
    on('DELETE', '/doctors/closed-days/:date', async (_actor, allowed) => ({ path: `/doctors/closed-days/${await closed(allowed)}` }));
    on('GET', '/doctors/audit', async () => ({ path: '/doctors/audit' }));

    // doctor-service: visit types, kept on the other doctor and the assigned doctor's specialization
    const visitType = () => ({ name_ro: 'Control matrice', name_en: 'Matrix follow-up', duration_minutes: 20, online_bookable: false });
    const specializationId = assigned.doctor.specialization.id;
    const kept = (await asAdmin(201, 'doctor-service', `/doctors/${other.doctor.id}/visit-types`, visitType())) as { id: string };
    on('GET', '/doctors/:id/visit-types', async () => ({ path: `/doctors/${doctorId}/visit-types` }));
    on('POST', '/doctors/:id/visit-types', async () => ({ path: `/doctors/${other.doctor.id}/visit-types`, body: visitType() }));
    on('GET', '/specializations/:id/visit-types', async () => ({ path: `/specializations/${specializationId}/visit-types` }));
    on('POST', '/specializations/:id/visit-types', async () => ({
      path: `/specializations/${specializationId}/visit-types`,
      body: visitType(),
    }));
    on('PUT', '/visit-types/:id', async () => ({ path: `/visit-types/${kept.id}`, body: { price_text: '100 lei' } }));
    const toArchive = freshWhenAllowed(
      async () => (await asAdmin(201, 'doctor-service', `/doctors/${other.doctor.id}/visit-types`, visitType())).id,
    );
    on('POST', '/visit-types/:id/archive', async (_actor, allowed) => ({ path: `/visit-types/${await toArchive(allowed)}/archive` }));
    on('GET', '/internal/doctors/:id/booking-profile', async () => ({ path: `/internal/doctors/${doctorId}/booking-profile` }));
    on('POST', '/internal/doctors/by-user/:id/retire', async () => ({ path: `/internal/doctors/by-user/${owner.id}/retire`, body: {} }));

    // appointment-service
    const idempotent = () => ({ 'idempotency-key': randomUUID() });
    const slotBody = (slot: Slot) => ({ start_time: slot.start, end_time: slot.end });
    // Every caller books for the owner: the owner and an admin (the front desk) may.
    on('POST', '/appointments', async () => ({
      path: '/appointments',
      headers: idempotent(),
      body: { doctor_id: doctorId, patient_id: owner.id, ...slotBody(nextSlot()) },
    }));
    on('GET', '/appointments', async () => ({ path: '/appointments' }));
    on('GET', '/appointments/my', async () => ({ path: '/appointments/my' }));
    on('GET', '/appointments/my/history', async () => ({ path: '/appointments/my/history' }));
    on('GET', '/appointments/rules', async () => ({ path: '/appointments/rules' }));
    on('GET', '/appointments/:id', async () => ({ path: `/appointments/${appointment.id}` }));
    on('GET', '/appointments/:id/pdf', async () => ({ path: `/appointments/${appointment.id}/pdf` }));
    on('GET', '/appointments/:id/timeline', async () => ({ path: `/appointments/${appointment.id}/timeline` }));
    on('GET', '/appointments/:id/pdf/download', async () => ({ path: downloadPath.replace(/^\/api/, '') }));
    const linkToken = signedLinkToken({ id: appointment.id as string, patient_id: owner.id });
    on('GET', '/appointments/links/:token', async () => ({ path: `/appointments/links/${linkToken}` }));
    on('GET', '/appointments/links/:token/pdf', async () => ({ path: `/appointments/links/${linkToken}/pdf` }));
    // Every caller holding a link acts as the patient: each gets a fresh appointment and link (a cancel link works once).
    on('POST', '/appointments/links/:token/cancel', async () => ({
      path: `/appointments/links/${signedLinkToken((await bookForOwner()) as { id: string; patient_id: string })}/cancel`,
    }));
    // One appointment moved by every caller in turn, each to a time of its own (the owner's bookings ahead are capped).
    let toMoveByLink: Promise<string> | undefined;
    on('POST', '/appointments/links/:token/reschedule', async () => {
      toMoveByLink ??= bookForOwner().then((booked) => signedLinkToken(booked as { id: string; patient_id: string }));
      return { path: `/appointments/links/${await toMoveByLink}/reschedule`, headers: idempotent(), body: slotBody(nextSlot()) };
    });
    const pending = () => freshWhenAllowed(async () => (await bookForOwner()).id);
    const toReschedule = pending();
    on('PUT', '/appointments/:id', async (_actor, allowed) => ({
      path: `/appointments/${await toReschedule(allowed)}`,
      headers: idempotent(),
      body: slotBody(nextSlot()),
    }));
    const toCancel = pending();
    on('PUT', '/appointments/:id/cancel', async (_actor, allowed) => ({ path: `/appointments/${await toCancel(allowed)}/cancel` }));
    const toConfirm = pending();
    on('PUT', '/appointments/:id/confirm', async (_actor, allowed) => ({ path: `/appointments/${await toConfirm(allowed)}/confirm` }));
    // Not started yet, so the staff's call is refused (409) and changes nothing: the one appointment serves every actor.
    on('PUT', '/appointments/:id/no-show', async () => ({ path: `/appointments/${appointment.id}/no-show` }));
    const now = new Date();
    const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
    on('GET', '/appointments/audit', async () => ({ path: '/appointments/audit' }));
    // Each entry of the owner waits on days of its own: one active entry per patient, doctor and range.
    let waitlistDays = 1;
    const waitlistRange = () => ({ doctor_id: doctorId, date_from: clinicDate(1), date_to: clinicDate(++waitlistDays) });
    on('POST', '/waitlist', async () => ({
      path: '/waitlist',
      body: { doctor_id: doctorId, date_from: clinicDate(1), date_to: clinicDate(1) },
    }));
    on('GET', '/waitlist/my', async () => ({ path: '/waitlist/my' }));
    const waitlistEntry = freshWhenAllowed(async () => {
      const answer = await http(gateway('/waitlist'), { method: 'POST', token: (await tokenOf('owner'))!, body: waitlistRange() });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body.id as string;
    });
    on('DELETE', '/waitlist/:id', async (_actor, allowed) => ({ path: `/waitlist/${await waitlistEntry(allowed)}` }));
    on('GET', '/waitlist', async () => ({ path: `/waitlist?doctor_id=${doctorId}` }));
    on('GET', '/internal/patients/:id/records', async () => ({ path: `/internal/patients/${owner.id}/records` }));
    on('GET', '/internal/busy', async () => ({ path: `/internal/busy?doctor_id=${doctorId}&from=${inDays(0)}&to=${inDays(7)}` }));
    on('POST', '/internal/doctors/:id/retire', async () => ({ path: `/internal/doctors/${doctorId}/retire`, body: {} }));
    on('POST', '/internal/doctors/:id/reconcile', async () => ({ path: `/internal/doctors/${doctorId}/reconcile`, body: {} }));
    on('GET', '/events/pending', async () => ({ path: '/events/pending?limit=1' }));
    on('GET', '/internal/appointments/:id/events', async () => ({ path: `/internal/appointments/${appointment.id}/events` }));
    on('GET', '/internal/appointments/:id/pdf-download-link', async () => ({
      path: `/internal/appointments/${appointment.id}/pdf-download-link`,
    }));
    on('GET', '/internal/reminders/due', async () => ({ path: `/internal/reminders/due?from=${inDays(0)}&to=${inDays(1)}` }));
    on('POST', '/internal/appointments/:id/reminder-due', async () => ({ path: `/internal/appointments/${appointment.id}/reminder-due` }));
    on('PUT', '/events/:id/processed', async () => ({ path: `/events/${eventId}/processed` }));
    on('PUT', '/events/processed', async () => ({ path: '/events/processed', body: { ids: [eventId] } }));

    // notification-service
    on('POST', '/notifications/send', async () => ({
      path: '/notifications/send',
      body: { user_id: owner.id, subject: 'Authorization matrix', message: 'Checked by the authorization matrix' },
    }));
    on('GET', '/notifications/my', async () => ({ path: '/notifications/my' }));
    on('GET', '/internal/users/:id/notifications', async () => ({ path: `/internal/users/${owner.id}/notifications` }));
    on('GET', '/internal/appointments/:id/notifications', async () => ({ path: `/internal/appointments/${appointment.id}/notifications` }));
    on('GET', '/notifications/audit', async () => ({ path: '/notifications/audit' }));
    on('GET', '/system/overview', async () => ({ path: '/system/overview' }));
    on('GET', '/system/traces/:traceId', async () => ({ path: `/system/traces/${randomUUID().replaceAll('-', '')}` }));
    on('GET', '/notifications/user/:id', async () => ({ path: `/notifications/user/${owner.id}` }));
    on('GET', '/notifications/appointment/:id', async () => ({ path: `/notifications/appointment/${appointment.id}` }));
  });

  after(() => tokens.clear());

  it('lists every route of every service’s OpenAPI document, and has a request for each', async () => {
    const listed = new Set(MATRIX.map((route) => `${route.service} ${routeKey(route)}`));
    const missing: string[] = [];
    for (const [process, url] of Object.entries(testStack().services)) {
      const answer = await http(`${url}/openapi.json`);
      assert.equal(answer.status, 200, `${process}/openapi.json`);
      const paths = answer.body.paths as Record<string, Record<string, unknown>>;
      // The gateway's document lists its forwarding prefixes (/api/…, /auth/…) and its own routes under /api.
      const own = Object.entries(paths).filter(([path]) => process !== 'gateway' || !/^\/(api|auth)\/([\w.-]+\/)*(\{\*\})?$/.test(path));
      const service = process.replace(/-\d+$/, '');
      for (const [openApiPath, operations] of own) {
        const path = process === 'gateway' ? openApiPath.replace(/^\/api\//, '/') : openApiPath;
        for (const method of Object.keys(operations).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))) {
          const key = `${service} ${method.toUpperCase()} ${fromOpenApiPath(path)}`;
          if (!listed.has(key)) missing.push(`${key} (from ${process})`);
        }
      }
    }
    assert.deepEqual([...new Set(missing)], [], 'routes the authorization matrix does not list');
    assert.deepEqual(
      MATRIX.map(routeKey).filter((key) => !calls.has(key)),
      [],
      'routes of the matrix without a request in this test',
    );
  });

  const call = async (base: string, route: RouteRule, actor: Actor, request: Call) => {
    const answer = await http(`${base}${request.path}`, {
      method: route.method,
      token: request.token ?? (await tokenOf(actor)),
      body: request.body,
      headers: request.headers,
    });
    return answer;
  };

  for (const route of MATRIX) {
    it(`${routeKey(route)} (${route.service}, ${route.exposure})`, async () => {
      const build = calls.get(routeKey(route));
      assert.ok(build, `no request for ${routeKey(route)}`);
      const wrong: string[] = [];
      for (const actor of ACTORS) {
        const expected = route.expected[actor];
        const request = await build(actor, expected < 300);
        const base = route.exposure === 'public' ? `${testStack().gatewayUrl}/api` : serviceUrl(route.service);
        const answer = await call(base, route, actor, request);
        if (answer.status !== expected) wrong.push(`${actor}: ${answer.status}, expected ${expected} ${JSON.stringify(answer.body)}`);
        if (route.exposure === 'internal') {
          // The gateway does not route internal paths at all, whoever asks.
          const through = await call(`${testStack().gatewayUrl}/api`, route, actor, request);
          if (through.status !== 404) wrong.push(`${actor} through the gateway: ${through.status}, expected 404`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }
});

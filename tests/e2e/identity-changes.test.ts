// Identity changes take effect everywhere within seconds, through the gateway against the real Keycloak:
// a token issued before its user's latest role change or deletion is refused by every service
// (401 TOKEN_REVOKED), also by a service started again since; nobody changes their own role; a deleted
// user's token never makes their profile again.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import { pauseServer, resumeServer } from '../../devstack/src/process.ts';
import { freeSlots } from '../support/booking.ts';
import { ALL_WEEK, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http, type HttpAnswer } from '../support/http.ts';
import { adminToken, claimsOf, passwordGrant, passwordToken, registerPatient, type TestUser } from '../support/identity.ts';
import { eventually, gateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

/**
 * Waits until the clock is past the second the token was issued in: a not-before set in that very
 * second lets the token through (tokens carry whole seconds; see service-kit token-revocations.ts).
 */
async function pastIssueSecond(token: string): Promise<void> {
  const issuedAt = claimsOf(token).iat as number;
  while (Math.floor(Date.now() / 1000) <= issuedAt) await sleep(50);
}

/** One route of each service that the token's holder could call before: user-, doctor-, appointment-, notification-service. */
const routesOfEveryService = (admin: boolean) => [
  '/users/me',
  '/doctors/audit',
  admin ? '/appointments/audit' : '/appointments/rules',
  '/notifications/my',
];

const revoked = (answer: HttpAnswer) => answer.status === 401 && answer.body?.error?.code === 'TOKEN_REVOKED';

/**
 * The routes that did not refuse the token as revoked: each asked several times, so that every
 * replica behind the gateway (three of appointment-service, two of notification-service) answers.
 */
async function notRefused(token: string, paths: string[]): Promise<string[]> {
  const accepted: string[] = [];
  for (const path of paths) {
    for (let i = 0; i < 6; i++) {
      const answer = await http(gateway(path), { token });
      if (!revoked(answer)) accepted.push(`${path}: ${answer.status}`);
    }
  }
  return accepted;
}

/** Asks until every service refuses the token (10 s at most), then says which did not. */
async function refusedEverywhereWithinSeconds(token: string, paths: string[]): Promise<void> {
  let accepted: string[] = [];
  await eventually('every service refuses the token', async () => (accepted = await notRefused(token, paths)).length === 0, 10_000).catch(
    () => {},
  );
  assert.deepEqual(accepted, []);
}

const refresh = (refreshToken: string) =>
  http(`${testStack().keycloak.url}/realms/${testStack().keycloak.realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'clinic-cli', refresh_token: refreshToken }).toString(),
  });

const setRole = (token: string, userId: string, role: string) =>
  http(gateway(`/users/${userId}/role`), { method: 'PUT', token, body: { role } });

describe('a user demoted from ADMIN', () => {
  let admin: string;
  let demoted: TestUser;
  let oldToken: string;
  let oldRefreshToken: string;

  before(async () => {
    admin = await adminToken();
    demoted = await registerPatient('demoted-admin');
    assert.equal((await setRole(admin, demoted.id, 'ADMIN')).status, 200);
    const login = await passwordGrant(demoted.email, demoted.password);
    oldToken = login.body.access_token as string;
    oldRefreshToken = login.body.refresh_token as string;
    assert.ok(claimsOf(oldToken).realm_access.roles.includes('ADMIN'));
    // The token works as an admin's everywhere before the demotion.
    for (const path of routesOfEveryService(true)) assert.equal((await http(gateway(path), { token: oldToken })).status, 200, path);
    await pastIssueSecond(oldToken);
    assert.equal((await setRole(admin, demoted.id, 'PATIENT')).status, 200);
  });

  it('cannot make themselves ADMIN again with the token they still hold (401 TOKEN_REVOKED)', async () => {
    const again = await setRole(oldToken, demoted.id, 'ADMIN');
    assert.equal(again.status, 401, JSON.stringify(again.body));
    assert.equal(again.body.error.code, 'TOKEN_REVOKED');
    assert.equal((await http(gateway(`/users/${demoted.id}`), { token: admin })).body.role, 'PATIENT');
    const trail = await http(gateway('/users/audit?limit=100'), { token: admin });
    assert.ok(!trail.body.items.some((e: { actor_id: string }) => e.actor_id === demoted.id), 'no action of theirs in the audit trail');
  });

  it('finds the old token refused by every service within seconds', async () => {
    await refusedEverywhereWithinSeconds(oldToken, routesOfEveryService(true));
  });

  it('has lost their sessions: the old refresh token no longer works, a new login carries PATIENT only', async () => {
    const refreshed = await refresh(oldRefreshToken);
    assert.equal(refreshed.status, 400, JSON.stringify(refreshed.body));
    const login = await passwordGrant(demoted.email, demoted.password);
    assert.equal(login.status, 200);
    const roles = claimsOf(login.body.access_token).realm_access.roles as string[];
    assert.ok(roles.includes('PATIENT') && !roles.includes('ADMIN'), roles.join());
    assert.equal((await http(gateway('/users/me'), { token: login.body.access_token })).body.role, 'PATIENT');
  });
});

describe('PUT /users/{id}/role: nobody changes their own role', () => {
  let admin: string;
  let second: TestUser;
  let secondToken: string;

  before(async () => {
    admin = await adminToken();
    second = await registerPatient('second-admin');
    assert.equal((await setRole(admin, second.id, 'ADMIN')).status, 200);
    secondToken = await passwordToken(second.email, second.password);
  });

  it('answers 403 OWN_ROLE to an admin changing their own role, either way, and changes nothing', async () => {
    for (const role of ['PATIENT', 'DOCTOR', 'ADMIN']) {
      const answer = await setRole(secondToken, second.id, role);
      assert.equal(answer.status, 403, `${role}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, 'OWN_ROLE');
    }
    assert.equal((await http(gateway(`/users/${second.id}`), { token: admin })).body.role, 'ADMIN');
    assert.equal((await http(gateway('/users/me'), { token: secondToken })).status, 200, 'a refused change revokes nothing');
  });

  it('answers 409 OWN_ACCOUNT to an admin deleting their own account', async () => {
    const answer = await http(gateway(`/users/${second.id}`), { method: 'DELETE', token: secondToken });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'OWN_ACCOUNT');
  });

  it('lets another admin demote them while an admin remains', async () => {
    await pastIssueSecond(secondToken);
    assert.equal((await setRole(admin, second.id, 'PATIENT')).status, 200);
    assert.equal((await setRole(secondToken, second.id, 'ADMIN')).status, 401);
  });
});

describe('DELETE /users/{id}: the deleted patient’s old token', () => {
  let admin: string;
  let doctor: CreatedDoctor;
  let patient: TestUser;

  before(async () => {
    admin = await adminToken();
    [doctor, patient] = await Promise.all([createDoctor({ schedule: ALL_WEEK }), registerPatient('deleted-holder')]);
    assert.equal((await http(gateway('/users/me'), { token: patient.token })).status, 200);
    await pastIssueSecond(patient.token);
    assert.equal((await http(gateway(`/users/${patient.id}`), { method: 'DELETE', token: admin })).status, 204);
  });

  it('answers GET /users/me 401 and makes no profile again (the admin’s search does not find them)', async () => {
    const me = await http(gateway('/users/me'), { token: patient.token });
    assert.equal(me.status, 401, JSON.stringify(me.body));
    assert.equal(me.body.error.code, 'TOKEN_REVOKED');
    const sync = await http(gateway('/users/sync-keycloak'), { method: 'POST', token: patient.token });
    assert.equal(sync.status, 401);
    const found = await http(gateway(`/users?q=${encodeURIComponent(patient.email)}`), { token: admin });
    assert.equal(found.body.total, 0);
    assert.equal((await http(gateway(`/users/${patient.id}`), { token: admin })).status, 404);
  });

  it('books nothing and reads nothing: every service refuses it within seconds', async () => {
    const [slot] = await freeSlots(doctor.doctor.id, 1);
    const book = () =>
      http(gateway('/appointments'), {
        method: 'POST',
        token: patient.token,
        body: { doctor_id: doctor.doctor.id, start_time: slot!.start, end_time: slot!.end },
      });
    await refusedEverywhereWithinSeconds(patient.token, routesOfEveryService(false));
    for (const answer of await Promise.all([book(), book(), book()])) {
      assert.equal(answer.status, 401, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, 'TOKEN_REVOKED');
    }
  });
});

describe('a service started again', () => {
  it('still refuses a token revoked before it started (it loads the recent not-befores)', async () => {
    const admin = await adminToken();
    const patient = await registerPatient('revoked-before-restart');
    await pastIssueSecond(patient.token);
    assert.equal((await setRole(admin, patient.id, 'DOCTOR')).status, 200);
    await refusedEverywhereWithinSeconds(patient.token, ['/notifications/my']);

    const { stateDir, services } = testStack();
    await pauseServer(stateDir, 'doctor-service');
    await resumeServer(stateDir, 'doctor-service', async () => (await fetch(`${services['doctor-service']}/ready`)).ok);
    const answer = await http(gateway('/doctors/audit'), { token: patient.token });
    assert.equal(answer.status, 401, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, 'TOKEN_REVOKED');
  });
});

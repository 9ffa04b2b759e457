import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../services/gateway/src/app.ts';
import { configSchema } from '../../services/gateway/src/config.ts';
import { createLogger, loadConfig } from '@clinic/service-kit';
import { http } from '../support/http.ts';
import { claimsOf, PASSWORD, uniqueEmail } from '../support/identity.ts';
import { testStack } from '../support/stack.ts';

const gateway = (path: string) => `${testStack().gatewayUrl}${path}`;

/** Logs in the way the README shows it: the password grant through the gateway's /auth. */
async function login(username: string, password: string) {
  const answer = await http(gateway('/auth/realms/clinic/protocol/openid-connect/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: new URLSearchParams({ grant_type: 'password', client_id: 'clinic-cli', username, password }).toString(),
  });
  return answer;
}

describe('a patient’s identity journey through the gateway', () => {
  it('registers, logs in, reads their profile, is refused admin routes; the admin promotes and then deletes them', async () => {
    const email = uniqueEmail('journey');
    const registered = await http(gateway('/api/users/register'), {
      method: 'POST',
      body: { full_name: 'Elena Journey', email, password: PASSWORD },
    });
    assert.equal(registered.status, 201);

    const patientLogin = await login(email, PASSWORD);
    assert.equal(patientLogin.status, 200);
    const patientToken = patientLogin.body.access_token as string;
    assert.equal(claimsOf(patientToken).iss, `${testStack().gatewayUrl}/auth/realms/clinic`);

    const me = await http(gateway('/api/users/me'), { token: patientToken, headers: { 'x-request-id': 'journey-1' } });
    assert.equal(me.status, 200);
    assert.equal(me.body.email, email);
    assert.equal(me.body.role, 'PATIENT');
    assert.equal(me.headers.get('x-request-id'), 'journey-1');

    assert.equal((await http(gateway('/api/users'), { token: patientToken })).status, 403);

    const { username, password } = testStack().keycloak.demoAdmin;
    const adminToken = (await login(username, password)).body.access_token as string;
    // Oldest first, and earlier tests made many users: the new one is on some page of the listing.
    let listed = false;
    for (let offset = 0; !listed; offset += 100) {
      const list = await http(gateway(`/api/users?limit=100&offset=${offset}`), { token: adminToken });
      assert.equal(list.status, 200);
      assert.ok(list.body.items.length > 0, 'the new user is in the admin listing');
      listed = list.body.items.some((u: { id: string }) => u.id === me.body.id);
    }

    const promoted = await http(gateway(`/api/users/${me.body.id}/role`), { method: 'PUT', token: adminToken, body: { role: 'DOCTOR' } });
    assert.equal(promoted.status, 200);
    const doctorToken = (await login(email, PASSWORD)).body.access_token as string;
    assert.ok(claimsOf(doctorToken).realm_access.roles.includes('DOCTOR'));
    assert.equal((await http(gateway('/api/users/me'), { token: doctorToken })).body.role, 'DOCTOR');

    assert.equal((await http(gateway(`/api/users/${me.body.id}`), { method: 'DELETE', token: adminToken })).status, 204);
    assert.equal((await login(email, PASSWORD)).status, 401);
  });

  it('does not expose a service’s internal routes or unknown paths', async () => {
    const answer = await http(gateway('/api/nothing-here'));
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error.code, 'ROUTE_NOT_FOUND');
  });

  it('serves the API documentation of every service', async () => {
    const docs = await http(gateway('/api/docs/'));
    assert.equal(docs.status, 200);
    const spec = await http(gateway('/api/openapi/user-service.json'));
    assert.equal(spec.status, 200);
    assert.ok(spec.body.paths['/users/register']);
    assert.ok(spec.body.paths['/users/{id}/role']);
  });

  it('serves the web page at /', async () => {
    const page = await fetch(gateway('/'));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Clinic Booking/);
  });
});

describe('registration rate limit at the gateway', () => {
  it('answers 429 once a client exceeds the limit', async () => {
    const stack = testStack();
    const config = loadConfig(configSchema, {
      PORT: '1',
      USER_SERVICE_URL: stack.services['user-service']!,
      KEYCLOAK_URL: stack.keycloak.url,
      JWT_ISSUER: stack.keycloak.issuer,
      REGISTER_RATE_LIMIT_PER_MINUTE: '2',
    });
    const app = await build({ config, logger: createLogger('gateway-under-test', 'silent'), onShutdown: () => {} });
    try {
      const attempt = () => app.inject({ method: 'POST', url: '/api/users/register', payload: { full_name: 'Rate Limited' } });
      assert.equal((await attempt()).statusCode, 400);
      assert.equal((await attempt()).statusCode, 400);
      const limited = await attempt();
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().error.code, 'RATE_LIMITED');
    } finally {
      await app.close();
    }
  });
});

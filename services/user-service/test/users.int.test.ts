import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { http } from '../../../tests/support/http.ts';
import {
  adminToken,
  claimsOf,
  keycloakAdmin,
  PASSWORD,
  passwordGrant,
  passwordToken,
  registerPatient,
  serviceToken,
  uniqueEmail,
  type TestUser,
} from '../../../tests/support/identity.ts';
import { testStack } from '../../../tests/support/stack.ts';

const api = (path: string) => `${testStack().services['user-service']}${path}`;

describe('POST /users/register', () => {
  it('creates a patient who can log in, with the PATIENT role in the token', async () => {
    const email = uniqueEmail('reg');
    const answer = await http(api('/users/register'), {
      method: 'POST',
      body: { full_name: 'Ana Maria Popescu', email, password: PASSWORD, phone: '+40 721 000 111' },
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.email, email);
    assert.equal(answer.body.full_name, 'Ana Maria Popescu');
    assert.equal(answer.body.role, 'PATIENT');
    assert.equal(answer.body.password, undefined);
    const claims = claimsOf(await passwordToken(email, PASSWORD));
    assert.equal(claims.sub, answer.body.id);
    assert.ok(claims.realm_access.roles.includes('PATIENT'));
    assert.ok(!claims.realm_access.roles.includes('ADMIN'));
  });

  it('answers 409 EMAIL_TAKEN for an email already registered, whatever its case', async () => {
    const patient = await registerPatient('dup');
    const answer = await http(api('/users/register'), {
      method: 'POST',
      body: { full_name: 'Someone Else', email: patient.email.toUpperCase(), password: PASSWORD },
    });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'EMAIL_TAKEN');
  });

  it('answers 400 WEAK_PASSWORD with Keycloak’s reason for a password its policy rejects, and leaves no account behind', async () => {
    const email = uniqueEmail('weak');
    const weak = await http(api('/users/register'), { method: 'POST', body: { full_name: 'Weak Password', email, password: 'short' } });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.code, 'WEAK_PASSWORD');
    assert.match(weak.body.error.message, /password/i);
    assert.equal((await keycloakAdmin(`/users?email=${encodeURIComponent(email)}&exact=true`)).body.length, 0);
    const retry = await http(api('/users/register'), { method: 'POST', body: { full_name: 'Weak Password', email, password: PASSWORD } });
    assert.equal(retry.status, 201);
  });

  for (const [label, payload] of [
    ['malformed JSON', { rawBody: '{"full_name": "x", ' }],
    ['a missing field', { body: { full_name: 'No Password', email: uniqueEmail() } }],
    ['a wrong type', { body: { full_name: 42, email: uniqueEmail(), password: PASSWORD } }],
    ['an invalid email', { body: { full_name: 'Bad Email', email: 'not-an-email', password: PASSWORD } }],
    ['a blank name', { body: { full_name: '   ', email: uniqueEmail(), password: PASSWORD } }],
  ] as const) {
    it(`answers 400 for ${label} and creates nothing`, async () => {
      const answer = await http(api('/users/register'), { method: 'POST', ...payload });
      assert.equal(answer.status, 400);
      assert.match(answer.body.error.code, /^(MALFORMED_JSON|VALIDATION_FAILED)$/);
      assert.equal(typeof answer.body.error.message, 'string');
    });
  }

  it('answers 413 for an oversized body', async () => {
    const answer = await http(api('/users/register'), {
      method: 'POST',
      body: { full_name: 'x'.repeat(200_000), email: uniqueEmail(), password: PASSWORD },
    });
    assert.equal(answer.status, 413);
    assert.equal(answer.body.error.code, 'PAYLOAD_TOO_LARGE');
  });
});

describe('GET /users/me and PUT /users/me', () => {
  let patient: TestUser;
  before(async () => {
    patient = await registerPatient('me');
  });

  it('answers 401 without a token', async () => {
    const answer = await http(api('/users/me'));
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, 'UNAUTHORIZED');
  });

  it('returns the caller’s own profile', async () => {
    const answer = await http(api('/users/me'), { token: patient.token });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.id, patient.id);
    assert.equal(answer.body.email, patient.email);
  });

  it('updates the caller’s name and phone, and the name in Keycloak too', async () => {
    const answer = await http(api('/users/me'), {
      method: 'PUT',
      token: patient.token,
      body: { full_name: 'Ioana Ionescu', phone: '0722 123 456' },
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.full_name, 'Ioana Ionescu');
    assert.equal(answer.body.phone, '0722 123 456');
    const claims = claimsOf(await passwordToken(patient.email, patient.password));
    assert.equal(claims.name, 'Ioana Ionescu');
  });

  it('refuses a bad phone, an empty change and a role change with 400, changing nothing', async () => {
    for (const body of [{ phone: 'call me' }, {}, { role: 'ADMIN' }]) {
      const answer = await http(api('/users/me'), { method: 'PUT', token: patient.token, body });
      assert.equal(answer.status, 400, JSON.stringify(body));
    }
    const me = await http(api('/users/me'), { token: patient.token });
    assert.equal(me.body.role, 'PATIENT');
    assert.equal(me.body.phone, '0722 123 456');
  });

  it('creates the profile on first use for a user made in Keycloak’s own console', async () => {
    const email = uniqueEmail('console');
    const created = await keycloakAdmin('/users', {
      method: 'POST',
      body: {
        username: email,
        email,
        firstName: 'Console',
        lastName: 'User',
        enabled: true,
        credentials: [{ type: 'password', value: PASSWORD, temporary: false }],
      },
    });
    assert.equal(created.status, 201);
    const token = await passwordToken(email, PASSWORD);
    const me = await http(api('/users/me'), { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.email, email);
    assert.equal(me.body.full_name, 'Console User');
    assert.equal(me.body.role, 'PATIENT');
    // The role was granted in Keycloak as well: the next token carries it.
    assert.ok(claimsOf(await passwordToken(email, PASSWORD)).realm_access.roles.includes('PATIENT'));
  });
});

describe('admin routes', () => {
  let admin: string;
  let patient: TestUser;
  let other: TestUser;
  before(async () => {
    admin = await adminToken();
    patient = await registerPatient('subject');
    other = await registerPatient('other');
  });

  it('answer 403 to a patient', async () => {
    const attempts = [
      http(api('/users'), { token: patient.token }),
      http(api(`/users/${other.id}`), { method: 'PUT', token: patient.token, body: { full_name: 'Hacked' } }),
      http(api(`/users/${other.id}/role`), { method: 'PUT', token: patient.token, body: { role: 'ADMIN' } }),
      http(api(`/users/${patient.id}/role`), { method: 'PUT', token: patient.token, body: { role: 'ADMIN' } }),
      http(api(`/users/${other.id}`), { method: 'DELETE', token: patient.token }),
    ];
    for (const answer of await Promise.all(attempts)) {
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, 'FORBIDDEN');
    }
    assert.equal((await http(api(`/users/${other.id}`), { token: admin })).body.full_name, 'Test other');
  });

  it('a patient reads their own profile by id but gets 404 for someone else’s', async () => {
    assert.equal((await http(api(`/users/${patient.id}`), { token: patient.token })).status, 200);
    const foreign = await http(api(`/users/${other.id}`), { token: patient.token });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.code, 'NOT_FOUND');
  });

  it('answers 400 for a malformed id', async () => {
    const answer = await http(api('/users/not-a-uuid'), { token: admin });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'VALIDATION_FAILED');
  });

  it('lists users page by page, filtered by role', async () => {
    const first = await http(api('/users?limit=1&offset=0&role=PATIENT'), { token: admin });
    assert.equal(first.status, 200);
    assert.equal(first.body.items.length, 1);
    assert.ok(first.body.total >= 2);
    assert.ok(first.body.items.every((u: { role: string }) => u.role === 'PATIENT'));
    const second = await http(api('/users?limit=1&offset=1&role=PATIENT'), { token: admin });
    assert.notEqual(second.body.items[0].id, first.body.items[0].id);
    assert.equal((await http(api('/users?limit=1000'), { token: admin })).status, 400);
  });

  it('finds users by part of their name or email in any case (?q=), page by page', async () => {
    const label = `finder-${randomUUID().slice(0, 8)}`;
    const found = [await registerPatient(label), await registerPatient(label)];
    const search = async (query: string) => {
      const answer = await http(api(`/users?${query}`), { token: admin });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body as { items: { id: string }[]; total: number; limit: number; offset: number };
    };
    const ids = (page: { items: { id: string }[] }) => page.items.map((user) => user.id).sort();
    // The name is "Test <label>"; the email "<label>-<random>@…": each finds its own.
    const byName = await search(`q=${encodeURIComponent(`TEST ${label.toUpperCase()}`)}`);
    assert.equal(byName.total, 2);
    assert.deepEqual(ids(byName), found.map((user) => user.id).sort());
    const byEmail = await search(`q=${encodeURIComponent(found[1]!.email.split('@')[0]!.toUpperCase())}`);
    assert.deepEqual(ids(byEmail), [found[1]!.id]);
    // Page by page, the total counting every match.
    const first = await search(`q=${label}&limit=1&offset=0`);
    const second = await search(`q=${label}&limit=1&offset=1`);
    assert.deepEqual([first.total, second.total, first.items.length, second.items.length], [2, 2, 1, 1]);
    assert.deepEqual([...ids(first), ...ids(second)].sort(), ids(byName));
    // With the role filter too; LIKE's wildcards are plain characters.
    assert.equal((await search(`q=${label}&role=DOCTOR`)).total, 0);
    assert.equal((await search(`q=${label}&role=PATIENT`)).total, 2);
    assert.equal((await search(`q=${encodeURIComponent(`${label}%`)}`)).total, 0);
    assert.equal((await search(`q=${label.replace('-', '_')}`)).total, 0);
    assert.ok((await search('q=')).total >= 2, 'an empty search matches everyone');
    for (const bad of [`q=${'x'.repeat(201)}`, 'q=%00']) {
      const answer = await http(api(`/users?${bad}`), { token: admin });
      assert.equal(answer.status, 400, bad);
      assert.equal(answer.body.error.code, 'VALIDATION_FAILED');
    }
    assert.equal((await http(api(`/users?q=${label}`), { token: patient.token })).status, 403);
  });

  it('updates a user’s email, which becomes their login', async () => {
    const email = uniqueEmail('renamed');
    const answer = await http(api(`/users/${patient.id}`), { method: 'PUT', token: admin, body: { email, full_name: 'Renamed Patient' } });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.email, email);
    await passwordToken(email, PASSWORD);
    patient.email = email;
  });

  it('answers 409 when the new email belongs to someone else', async () => {
    const answer = await http(api(`/users/${patient.id}`), { method: 'PUT', token: admin, body: { email: other.email } });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'EMAIL_TAKEN');
  });

  it('changes the role in Keycloak too: the next token carries DOCTOR and no longer PATIENT', async () => {
    const answer = await http(api(`/users/${patient.id}/role`), { method: 'PUT', token: admin, body: { role: 'DOCTOR' } });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.role, 'DOCTOR');
    const roles = claimsOf(await passwordToken(patient.email, PASSWORD)).realm_access.roles;
    assert.ok(roles.includes('DOCTOR'));
    assert.ok(!roles.includes('PATIENT'));
    const bad = await http(api(`/users/${patient.id}/role`), { method: 'PUT', token: admin, body: { role: 'SUPERUSER' } });
    assert.equal(bad.status, 400);
  });

  it('deletes a user from Keycloak too: they can no longer log in', async () => {
    const answer = await http(api(`/users/${other.id}`), { method: 'DELETE', token: admin });
    assert.equal(answer.status, 204);
    assert.equal((await http(api(`/users/${other.id}`), { token: admin })).status, 404);
    assert.equal((await passwordGrant(other.email, PASSWORD)).status, 401);
    assert.equal((await http(api(`/users/${other.id}`), { method: 'DELETE', token: admin })).status, 404);
  });

  it('syncs every Keycloak user for an admin, and only the caller for anyone else', async () => {
    const email = uniqueEmail('unsynced');
    await keycloakAdmin('/users', {
      method: 'POST',
      body: { username: email, email, firstName: 'Not', lastName: 'Synced', enabled: true },
    });
    const [kcUser] = (await keycloakAdmin(`/users?email=${encodeURIComponent(email)}&exact=true`)).body;
    const roles = (await keycloakAdmin('/roles/DOCTOR')).body;
    await keycloakAdmin(`/users/${kcUser.id}/role-mappings/realm`, { method: 'POST', body: [roles] });
    assert.equal((await http(api(`/users/${kcUser.id}`), { token: admin })).status, 404);

    assert.equal(
      (await http(api('/users/sync-keycloak?all=true'), { method: 'POST', token: (await registerPatient()).token })).status,
      403,
    );
    const sync = await http(api('/users/sync-keycloak?all=true'), { method: 'POST', token: admin });
    assert.equal(sync.status, 200);
    assert.ok(sync.body.synced >= 3);
    const synced = await http(api(`/users/${kcUser.id}`), { token: admin });
    assert.equal(synced.body.role, 'DOCTOR');
    assert.equal(synced.body.full_name, 'Not Synced');
  });
});

describe('token verification', () => {
  let patient: TestUser;
  before(async () => {
    patient = await registerPatient('tokens');
  });

  const reject = async (token: string) => {
    const answer = await http(api('/users/me'), { token });
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, 'UNAUTHORIZED');
  };

  it('rejects a token whose payload was altered', async () => {
    const [header, , signature] = patient.token.split('.');
    const payload = { ...claimsOf(patient.token), realm_access: { roles: ['ADMIN'] } };
    await reject(`${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`);
  });

  it('rejects an unsigned token (alg: none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claimsOf(patient.token))).toString('base64url');
    await reject(`${header}.${payload}.`);
  });

  it('rejects a genuine Keycloak token from another realm (wrong issuer)', async () => {
    const { keycloak } = testStack();
    const master = await passwordGrant(keycloak.adminUser, keycloak.adminPassword, 'master', 'admin-cli');
    assert.equal(master.status, 200);
    await reject(master.body.access_token);
  });

  describe('with a short-lived token', () => {
    const clientId = `expiry-${Date.now()}`;
    before(async () => {
      const created = await keycloakAdmin('/clients', {
        method: 'POST',
        body: {
          clientId,
          publicClient: true,
          directAccessGrantsEnabled: true,
          standardFlowEnabled: false,
          attributes: { 'access.token.lifespan': '1' },
          protocolMappers: [
            {
              name: 'audience',
              protocol: 'openid-connect',
              protocolMapper: 'oidc-audience-mapper',
              config: { 'included.custom.audience': 'clinic-api', 'access.token.claim': 'true' },
            },
          ],
        },
      });
      assert.equal(created.status, 201);
    });
    after(async () => {
      const [client] = (await keycloakAdmin(`/clients?clientId=${clientId}`)).body;
      await keycloakAdmin(`/clients/${client.id}`, { method: 'DELETE' });
    });

    it('accepts it while valid and rejects it once expired', async () => {
      const grant = await passwordGrant(patient.email, patient.password, testStack().keycloak.realm, clientId);
      const token = grant.body.access_token as string;
      assert.equal((await http(api('/users/me'), { token })).status, 200);
      // The services allow 5 s of clock skew.
      await new Promise((resolve) => setTimeout(resolve, 7_000));
      await reject(token);
    });
  });
});

describe('the email language preference', () => {
  it('is Romanian by default, changes on PUT /users/me, and refuses anything but ro and en', async () => {
    const patient = await registerPatient('language');
    assert.equal((await http(api('/users/me'), { token: patient.token })).body.language, 'ro');
    const changed = await http(api('/users/me'), { method: 'PUT', token: patient.token, body: { language: 'en' } });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.language, 'en');
    const refused = await http(api('/users/me'), { method: 'PUT', token: patient.token, body: { language: 'fr' } });
    assert.equal(refused.status, 400);
    assert.equal((await http(api('/users/me'), { token: patient.token })).body.language, 'en');
  });
});

describe('GET /internal/users/{id}/contact', () => {
  it('tells a service the user’s email, name and language', async () => {
    const patient = await registerPatient('contact');
    await http(api('/users/me'), { method: 'PUT', token: patient.token, body: { language: 'en' } });
    const answer = await http(api(`/internal/users/${patient.id}/contact`), { token: await serviceToken() });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { id: patient.id, email: patient.email, full_name: answer.body.full_name, language: 'en' });
    assert.equal((await http(api(`/internal/users/${crypto.randomUUID()}/contact`), { token: await serviceToken() })).status, 404);
  });

  it('answers users and admins 403, and no token 401', async () => {
    const patient = await registerPatient('contact-user');
    const path = api(`/internal/users/${patient.id}/contact`);
    assert.equal((await http(path)).status, 401);
    assert.equal((await http(path, { token: patient.token })).status, 403);
    assert.equal((await http(path, { token: await adminToken() })).status, 403);
  });
});

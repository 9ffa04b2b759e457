import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError, createLogger, createPool, tokenNotBefores, type Pool, type Principal } from '@clinic/service-kit';
import { http } from '../../../tests/support/http.ts';
import { adminToken, claimsOf, registerPatient, serviceToken, type TestUser } from '../../../tests/support/identity.ts';
import { testStack } from '../../../tests/support/stack.ts';
import { doctorRecords } from '../src/doctors/index.ts';
import { identityDirectory, type IdentityDirectory } from '../src/identity/index.ts';
import { userUseCases, type UserUseCases } from '../src/users/index.ts';

const api = (path: string) => `${testStack().services['user-service']}${path}`;

const principal = (user: { id: string; email?: string }, ...roles: Principal['roles']): Principal => ({
  id: user.id,
  roles,
  email: user.email,
  emailVerified: true,
  name: 'Test',
  token: '',
});

const failsWith = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

// The use cases themselves, with the real Keycloak and database of the test stack. The realm of the
// test stack always holds the demo admin, so the rule about the last admin is tried in a realm seen
// without them: the directory answers which users hold ADMIN from Keycloak, minus the demo admin.
describe('identity changes in user-service', () => {
  const silent = createLogger('identity-changes-test', 'silent');
  let pool: Pool;
  let directory: IdentityDirectory;
  let users: UserUseCases;
  let demoAdminId: string;
  let acting: Principal;

  before(async () => {
    const { keycloak, postgres, gatewayUrl } = testStack();
    pool = createPool(postgres.roles.user_service!.url, 4);
    demoAdminId = claimsOf(await adminToken()).sub as string;
    acting = principal({ id: demoAdminId }, 'ADMIN');
    const real = identityDirectory({
      baseUrl: keycloak.url,
      realm: keycloak.realm,
      clientId: keycloak.servicesClientId,
      clientSecret: keycloak.servicesClientSecret,
      publicUrl: gatewayUrl,
    });
    directory = { ...real, idsWithRole: async (role) => (await real.idsWithRole(role)).filter((id) => id !== demoAdminId) };
    const doctors = doctorRecords({ doctorServiceUrl: testStack().services['doctor-service']!, serviceToken });
    users = userUseCases(pool, directory, doctors, () => {}, silent, tokenNotBefores());
  });

  after(() => pool.end());

  /** A registered user made an admin by the demo admin, through the route. */
  async function newAdmin(label: string): Promise<TestUser> {
    const user = await registerPatient(label);
    const answer = await http(api(`/users/${user.id}/role`), { method: 'PUT', token: await adminToken(), body: { role: 'ADMIN' } });
    assert.equal(answer.status, 200);
    return user;
  }

  /** Every admin but the demo admin (and `except`) made a patient again, so that the next test starts from none. */
  async function demoteOtherAdmins(...except: string[]) {
    for (const id of await directory.idsWithRole('ADMIN')) {
      if (!except.includes(id))
        await http(api(`/users/${id}/role`), { method: 'PUT', token: await adminToken(), body: { role: 'PATIENT' } });
    }
  }

  it('neither demotes nor deletes the last admin (409 LAST_ADMIN), and changes nothing', async () => {
    await demoteOtherAdmins();
    const last = await newAdmin('last-admin');
    await assert.rejects(users.changeRole(acting, last.id, 'PATIENT'), failsWith('LAST_ADMIN'));
    await assert.rejects(users.remove(acting, last.id), failsWith('LAST_ADMIN'));
    assert.deepEqual(await directory.idsWithRole('ADMIN'), [last.id]);
    assert.equal((await users.get(acting, last.id)).role, 'ADMIN');
    // Another admin made, the first may go.
    const next = await newAdmin('next-admin');
    assert.equal((await users.changeRole(acting, last.id, 'PATIENT')).role, 'PATIENT');
    await demoteOtherAdmins(next.id);
    await assert.rejects(users.remove(acting, next.id), failsWith('LAST_ADMIN'));
    await demoteOtherAdmins();
  });

  it('lets only one of two admins demoting each other at once succeed', async () => {
    await demoteOtherAdmins();
    const [a, b] = [await newAdmin('mutual-a'), await newAdmin('mutual-b')];
    const outcomes = await Promise.allSettled([
      users.changeRole(principal(a, 'ADMIN'), b.id, 'PATIENT'),
      users.changeRole(principal(b, 'ADMIN'), a.id, 'PATIENT'),
    ]);
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1, JSON.stringify(outcomes));
    const refused = outcomes.find((o) => o.status === 'rejected');
    assert.ok(refused && failsWith('LAST_ADMIN')(refused.reason));
    assert.equal((await directory.idsWithRole('ADMIN')).length, 1);
    await demoteOtherAdmins();
  });

  it('never makes a deleted user’s profile again from their token', async () => {
    const patient = await registerPatient('tombstoned');
    await users.remove(acting, patient.id);
    const holder = principal(patient, 'PATIENT');
    await assert.rejects(users.profileOf(holder), failsWith('ACCOUNT_DELETED'));
    await assert.rejects(users.syncFromKeycloak(holder, false), failsWith('ACCOUNT_DELETED'));
    const { rowCount } = await pool.query('SELECT 1 FROM users WHERE id = $1', [patient.id]);
    assert.equal(rowCount, 0);
  });

  it('answers the recent not-befores to the service account: a role change and a deletion each set one', async () => {
    const [promoted, deleted] = await Promise.all([registerPatient('nb-promoted'), registerPatient('nb-deleted')]);
    const started = Date.now() - 1_000;
    await users.changeRole(acting, promoted.id, 'DOCTOR');
    await users.remove(acting, deleted.id);
    const answer = await http(api('/internal/users/token-not-befores'), { token: await serviceToken() });
    assert.equal(answer.status, 200);
    for (const id of [promoted.id, deleted.id]) {
      const item = answer.body.items.find((i: { user_id: string }) => i.user_id === id);
      assert.ok(item, `the not-before of ${id}`);
      assert.ok(Date.parse(item.not_before) >= started, item.not_before);
    }
    const events = await pool.query<{ type: string }>('SELECT type FROM user_events WHERE user_id = $1 ORDER BY created_at', [deleted.id]);
    assert.ok(events.rows.some((e) => e.type === 'TOKENS_REVOKED'));
    // Asked with a token nobody revoked: the promoted user's own is refused as revoked (401) as soon as
    // its revocation arrives, which the ~1 s between its registration and its role change may or may not let happen first.
    const bystander = await registerPatient('nb-bystander');
    assert.equal(
      (await http(api('/internal/users/token-not-befores'), { token: bystander.token })).status,
      403,
      'for the service account only',
    );
  });
});

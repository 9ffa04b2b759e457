import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { AppError, createLogger, createPool, isDependencyUnavailable, tokenNotBefores, type Pool } from '@clinic/service-kit';
import { keycloakAdmin, PASSWORD, serviceToken, uniqueEmail } from '../../../tests/support/identity.ts';
import { closedPort } from '../../../tests/support/net.ts';
import { testStack } from '../../../tests/support/stack.ts';
import { doctorRecords } from '../src/doctors/index.ts';
import { identityDirectory, type IdentityDirectory } from '../src/identity/index.ts';
import { userUseCases } from '../src/users/index.ts';

// The use case itself, with the real Keycloak of the test stack and the real user-service database:
// a Keycloak user is made first, then the local profile; when the second step fails, the first must
// be undone, or an account would exist that can log in but has no profile.
describe('registration undoes the Keycloak user when the local profile cannot be written', () => {
  const silent = createLogger('registration-undo-test', 'silent');
  let pool: Pool;
  let directory: IdentityDirectory;
  /** The Keycloak ids the directory made, seen as they pass by. */
  let created: string[];

  before(() => {
    const { keycloak, postgres, gatewayUrl } = testStack();
    pool = createPool(postgres.roles.user_service!.url, 2);
    const real = identityDirectory({
      baseUrl: keycloak.url,
      realm: keycloak.realm,
      clientId: keycloak.servicesClientId,
      clientSecret: keycloak.servicesClientSecret,
      publicUrl: gatewayUrl,
    });
    directory = {
      ...real,
      async createUser(user) {
        const id = await real.createUser(user);
        created.push(id);
        return id;
      },
    };
  });

  after(() => pool.end());

  /** doctor-service of the test stack (registration never asks it). */
  const doctors = () => doctorRecords({ doctorServiceUrl: testStack().services['doctor-service']!, serviceToken });

  const keycloakUser = (id: string) => keycloakAdmin(`/users/${id}`);
  const keycloakUsersWith = async (email: string) => (await keycloakAdmin(`/users?email=${encodeURIComponent(email)}&exact=true`)).body;

  it('deletes the Keycloak user and answers 409 EMAIL_TAKEN when the address is taken locally', async () => {
    created = [];
    const email = uniqueEmail('undo');
    // A local profile with the address and no Keycloak account (its Keycloak user was deleted in the
    // console): Keycloak takes the address, the local unique index refuses it.
    const leftBehind = randomUUID();
    await pool.query(`INSERT INTO users (id, email, full_name, role) VALUES ($1, $2, 'Left Behind', 'PATIENT')`, [leftBehind, email]);
    try {
      const users = userUseCases(pool, directory, doctors(), () => {}, silent, tokenNotBefores());
      await assert.rejects(
        users.register({ full_name: 'Ana Undo', email: email.toUpperCase(), password: PASSWORD }),
        (error: unknown) => error instanceof AppError && error.statusCode === 409 && error.code === 'EMAIL_TAKEN',
      );
      assert.equal(created.length, 1, 'the Keycloak user was made before the local insert');
      assert.equal((await keycloakUser(created[0]!)).status, 404, 'and is gone again');
      assert.deepEqual(await keycloakUsersWith(email), []);
      const { rows } = await pool.query('SELECT id FROM users WHERE lower(email) = lower($1)', [email]);
      assert.deepEqual(
        rows.map((r) => r.id),
        [leftBehind],
        'the local profile that was there is untouched',
      );
    } finally {
      await pool.query('DELETE FROM users WHERE id = $1', [leftBehind]);
    }
  });

  it('deletes the Keycloak user when the database is down, and passes the outage on (a retryable 503)', async () => {
    created = [];
    const email = uniqueEmail('undo-down');
    const down = createPool(`postgres://nobody:nothing@127.0.0.1:${await closedPort()}/clinic`, 1);
    try {
      const users = userUseCases(down, directory, doctors(), () => {}, silent, tokenNotBefores());
      await assert.rejects(users.register({ full_name: 'Ana Outage', email, password: PASSWORD }), (error: unknown) =>
        isDependencyUnavailable(error),
      );
      assert.equal(created.length, 1);
      assert.equal((await keycloakUser(created[0]!)).status, 404);
      assert.deepEqual(await keycloakUsersWith(email), []);
    } finally {
      await down.end();
    }
    // Nothing is left to stand in the way of the same registration once the database is back.
    const registered = await userUseCases(pool, directory, doctors(), () => {}, silent, tokenNotBefores()).register({
      full_name: 'Ana Outage',
      email,
      password: PASSWORD,
    });
    assert.equal(registered.email, email);
    assert.equal(registered.role, 'PATIENT');
    assert.equal((await keycloakUser(registered.id)).status, 200);
  });
});

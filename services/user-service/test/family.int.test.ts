import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { createDoctor } from '../../../tests/support/clinic.ts';
import { http } from '../../../tests/support/http.ts';
import { adminToken, registerPatient, serviceToken, type TestUser } from '../../../tests/support/identity.ts';
import { gateway } from '../../../tests/support/notifications.ts';
import { testStack } from '../../../tests/support/stack.ts';

const internal = (path: string) => `${testStack().services['user-service']}${path}`;

const add = (token: string, body: Record<string, unknown>) => http(gateway('/users/me/family-members'), { method: 'POST', token, body });

describe('a patient’s family members', () => {
  let parent: TestUser;
  let stranger: TestUser;

  before(async () => {
    [parent, stranger] = await Promise.all([registerPatient('family-parent'), registerPatient('family-stranger')]);
  });

  it('are added, listed, changed and removed by the patient, names tidied', async () => {
    const child = await add(parent.token, { full_name: '  Ioana   Țăranu ', birth_date: '2019-05-04', relation: 'child' });
    assert.equal(child.status, 201, JSON.stringify(child.body));
    assert.equal(child.body.full_name, 'Ioana Țăranu');
    assert.equal(child.body.birth_date, '2019-05-04');
    assert.equal(child.body.relation, 'child');
    assert.equal(child.body.user_id, parent.id);
    const mother = await add(parent.token, { full_name: 'Elena Țăranu', birth_date: '1950-01-31', relation: 'parent' });
    assert.equal(mother.status, 201);

    const listed = await http(gateway('/users/me/family-members'), { token: parent.token });
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.items.map((m: { full_name: string }) => m.full_name),
      ['Ioana Țăranu', 'Elena Țăranu'],
    );

    const renamed = await http(gateway(`/users/me/family-members/${child.body.id}`), {
      method: 'PATCH',
      token: parent.token,
      body: { full_name: 'Ioana Maria Țăranu', relation: 'other' },
    });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.full_name, 'Ioana Maria Țăranu');
    assert.equal(renamed.body.birth_date, '2019-05-04');
    assert.equal(renamed.body.relation, 'other');

    const removed = await http(gateway(`/users/me/family-members/${mother.body.id}`), { method: 'DELETE', token: parent.token });
    assert.equal(removed.status, 204);
    const after = await http(gateway('/users/me/family-members'), { token: parent.token });
    assert.deepEqual(
      after.body.items.map((m: { id: string }) => m.id),
      [child.body.id],
    );
  });

  it('are nobody else’s: another patient’s change, removal or internal lookup answers 404, and their list is their own', async () => {
    const child = await add(parent.token, { full_name: 'Matei Țăranu', birth_date: '2021-08-10', relation: 'child' });
    const path = gateway(`/users/me/family-members/${child.body.id}`);
    const change = await http(path, { method: 'PATCH', token: stranger.token, body: { full_name: 'Stolen' } });
    assert.equal(change.status, 404);
    assert.equal(change.body.error.code, 'FAMILY_MEMBER_NOT_FOUND');
    assert.equal((await http(path, { method: 'DELETE', token: stranger.token })).status, 404);
    assert.deepEqual((await http(gateway('/users/me/family-members'), { token: stranger.token })).body.items, []);

    const token = await serviceToken();
    const own = await http(internal(`/internal/users/${parent.id}/family-members/${child.body.id}`), { token });
    assert.equal(own.status, 200);
    assert.equal(own.body.full_name, 'Matei Țăranu');
    const foreign = await http(internal(`/internal/users/${stranger.id}/family-members/${child.body.id}`), { token });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.code, 'FAMILY_MEMBER_NOT_FOUND');
    // Internal: the gateway does not expose it, and a patient's token is refused.
    assert.equal(
      (await http(internal(`/internal/users/${parent.id}/family-members/${child.body.id}`), { token: parent.token })).status,
      403,
    );
  });

  it('refuses a birth date in the future, an empty or overlong name, an unknown relation, and more than 10, changing nothing', async () => {
    const somebody = await registerPatient('family-limits');
    const future = await add(somebody.token, { full_name: 'Not Born', birth_date: '2999-01-01', relation: 'child' });
    assert.equal(future.status, 400);
    assert.equal(future.body.error.code, 'BIRTH_DATE_IN_FUTURE');
    for (const body of [
      { full_name: '   ', birth_date: '2000-01-01', relation: 'child' },
      { full_name: 'x'.repeat(201), birth_date: '2000-01-01', relation: 'child' },
      { full_name: 'Ana', birth_date: '2000-13-01', relation: 'child' },
      { full_name: 'Ana', birth_date: '2000-01-01', relation: 'cousin' },
      { full_name: 'Ana', birth_date: '2000-01-01', relation: 'child', extra: 1 },
    ]) {
      const refused = await add(somebody.token, body);
      assert.equal(refused.status, 400, JSON.stringify(body));
    }
    assert.deepEqual((await http(gateway('/users/me/family-members'), { token: somebody.token })).body.items, []);
    for (let i = 0; i < 10; i++) {
      assert.equal((await add(somebody.token, { full_name: `Child ${i}`, birth_date: '2015-01-01', relation: 'child' })).status, 201);
    }
    const eleventh = await add(somebody.token, { full_name: 'Child 10', birth_date: '2015-01-01', relation: 'child' });
    assert.equal(eleventh.status, 409);
    assert.equal(eleventh.body.error.code, 'TOO_MANY_FAMILY_MEMBERS');
    const unknown = await http(gateway(`/users/me/family-members/${randomUUID()}`), {
      method: 'PATCH',
      token: somebody.token,
      body: { birth_date: '2999-01-01' },
    });
    assert.equal(unknown.status, 400, 'a future date is refused before anything is looked up');
  });

  it('are read by the front desk for a patient; a doctor and another patient cannot', async () => {
    await add(parent.token, { full_name: 'Radu Țăranu', birth_date: '1980-03-03', relation: 'spouse' });
    const admin = await adminToken();
    const seen = await http(gateway(`/users/${parent.id}/family-members`), { token: admin });
    assert.equal(seen.status, 200);
    assert.ok(seen.body.items.some((m: { full_name: string }) => m.full_name === 'Radu Țăranu'));
    const { user: doctor } = await createDoctor();
    assert.equal((await http(gateway(`/users/${parent.id}/family-members`), { token: doctor.token })).status, 403);
    assert.equal((await http(gateway(`/users/${parent.id}/family-members`), { token: stranger.token })).status, 403);
    assert.equal((await http(gateway('/users/me/family-members'), { token: doctor.token })).status, 403);
  });
});

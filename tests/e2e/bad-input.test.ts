import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { adminToken } from '../support/identity.ts';
import { http } from '../support/http.ts';
import { testStack } from '../support/stack.ts';

const gateway = (path: string) => `${testStack().gatewayUrl}${path}`;

// Inputs an API fuzzer found answered with 500 or accepted; each must now be a clear 400 that changes nothing.
describe('input a client should never be able to send', () => {
  let admin: string;
  before(async () => {
    admin = await adminToken();
  });

  it('answers 400 VALIDATION_FAILED to an offset past any list, on every paged route', async () => {
    const huge = '9375819436016909389678648492032';
    for (const path of ['/api/users', '/api/appointments', '/api/cabinets', '/api/specializations', '/api/doctors']) {
      const answer = await http(gateway(`${path}?offset=${huge}`), { token: admin });
      assert.equal(answer.status, 400, `${path}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, 'VALIDATION_FAILED', path);
    }
  });

  it('refuses names with control characters and stores nothing', async () => {
    for (const name of ['Cardio\nlogy', 'Tab\there', 'Nul\u0000l', 'Del\u007f']) {
      const answer = await http(gateway('/api/specializations'), { method: 'POST', token: admin, body: { name } });
      assert.equal(answer.status, 400, JSON.stringify(name));
      assert.equal(answer.body.error.code, 'VALIDATION_FAILED');
    }
    const registered = await http(gateway('/api/users/register'), {
      method: 'POST',
      body: { full_name: 'Ana\r\nBcc: someone@example.com', email: 'control-chars@test.clinic.local', password: 'Sup3r-secret-pass' },
    });
    assert.equal(registered.status, 400);
    const listed = await http(gateway('/api/specializations?limit=100'));
    assert.ok(!listed.body.items.some((s: { name: string }) => /[\u0000-\u001f\u007f]/.test(s.name)));
  });

  it('refuses names with bidi overrides, direction marks and C1 controls with a 400 that says so, storing nothing', async () => {
    // U+202E reverses what follows: "Ana\u202Emoc.live" shows as "Anaevil.com".
    const names = ['Ana\u202Emoc.live', 'Ana\u2067Pop\u2069', 'Ana\u200FPop', 'Ana\u0085Pop'];
    for (const full_name of names) {
      const email = `bidi-${Date.now()}-${names.indexOf(full_name)}@test.clinic.local`;
      const registered = await http(gateway('/api/users/register'), {
        method: 'POST',
        body: { full_name, email, password: 'Sup3r-secret-pass' },
      });
      assert.equal(registered.status, 400, JSON.stringify(full_name));
      assert.equal(registered.body.error.code, 'VALIDATION_FAILED');
      assert.match(
        registered.body.error.message,
        /full_name must be one line of visible text, without control characters or invisible direction marks/,
      );
      const found = await http(gateway(`/api/users?q=${encodeURIComponent(email)}`), { token: admin });
      assert.equal(found.body.total, 0, 'no profile was made');
    }
    const specialization = await http(gateway('/api/specializations'), {
      method: 'POST',
      token: admin,
      body: { name: 'Cardio\u202Elogy' },
    });
    assert.equal(specialization.status, 400);
  });

  it('still takes names with diacritics and inner spaces', async () => {
    const answer = await http(gateway('/api/specializations'), {
      method: 'POST',
      token: admin,
      body: { name: `Oftalmologie și optometrie ${Date.now()}` },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  });
});

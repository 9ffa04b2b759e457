// The Keycloak realm as production runs it (deploy/keycloak/realm-clinic.json): what it refuses, seen
// from outside. The test stack imports the same file; only clinic-cli's password grant is switched on
// there (CLINIC_CLI_PASSWORD_GRANT=true), which the last test checks is off by default.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { http } from '../support/http.ts';
import { keycloakAdmin, passwordGrant, registerPatient, uniqueEmail } from '../support/identity.ts';
import { testStack } from '../support/stack.ts';

const register = (email: string, password: string) =>
  http(`${testStack().gatewayUrl}/api/users/register`, { method: 'POST', body: { full_name: 'Realm Check', email, password } });

describe('the identity realm, hardened for production', () => {
  it('refuses passwords under 12 characters or without upper case, lower case and a digit', async () => {
    for (const password of ['Short1pass', 'alllowercase-12', 'ALLUPPERCASE-12', 'No-digits-in-here']) {
      const email = uniqueEmail('policy');
      const answer = await register(email, password);
      assert.equal(answer.status, 400, `${password}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, 'WEAK_PASSWORD');
      const login = await passwordGrant(email, password);
      assert.equal(login.status, 401, 'no account was left behind');
    }
    const email = uniqueEmail('policy');
    assert.equal((await register(email, 'Twelve-chars1')).status, 201);
  });

  it('locks an account for a while after 10 wrong passwords, even against the right one', async () => {
    const patient = await registerPatient('brute-force');
    for (let i = 0; i < 10; i++) assert.equal((await passwordGrant(patient.email, `Wrong-guess-${i}`)).status, 401);
    const right = await passwordGrant(patient.email, patient.password);
    assert.notEqual(right.status, 200, 'the right password no longer logs in while locked');
    const detection = await keycloakAdmin(`/attack-detection/brute-force/users/${patient.id}`);
    assert.equal(detection.body.disabled, true);
  });

  it('issues 5-minute access tokens whose refresh token works once (rotation)', async () => {
    const patient = await registerPatient('rotation');
    const login = await passwordGrant(patient.email, patient.password);
    assert.equal(login.status, 200);
    assert.equal(login.body.expires_in, 300);
    const refresh = (token: string) =>
      http(`${testStack().keycloak.url}/realms/${testStack().keycloak.realm}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        rawBody: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'clinic-cli', refresh_token: token }).toString(),
      });
    const first = await refresh(login.body.refresh_token);
    assert.equal(first.status, 200);
    assert.notEqual(first.body.refresh_token, login.body.refresh_token, 'a new refresh token with each refresh');
    const reused = await refresh(login.body.refresh_token);
    assert.equal(reused.status, 400, 'the spent refresh token is refused');
    assert.equal(reused.body.error, 'invalid_grant');
  });

  it('keeps clinic-cli’s password grant off unless the stack turns it on', () => {
    const realm = JSON.parse(readFileSync(new URL('../../deploy/keycloak/realm-clinic.json', import.meta.url), 'utf8'));
    const cli = realm.clients.find((client: { clientId: string }) => client.clientId === 'clinic-cli');
    assert.equal(cli.directAccessGrantsEnabled, '${CLINIC_CLI_PASSWORD_GRANT:false}');
    const web = realm.clients.find((client: { clientId: string }) => client.clientId === 'clinic-web');
    assert.equal(web.directAccessGrantsEnabled, false, 'the web app logs in by code + PKCE only');
    const stack = readFileSync(new URL('../../deploy/swarm/stack.yml', import.meta.url), 'utf8');
    assert.match(stack, /CLINIC_CLI_PASSWORD_GRANT: \$\{CLINIC_CLI_PASSWORD_GRANT:-false\}/);
  });
});

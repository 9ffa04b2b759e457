// Keycloak's own pages as a browser gets them through the gateway: the clinic's login theme, in the
// language the web app asks for (ui_locales) or the one Keycloak remembers (its locale cookie), and
// Keycloak's account API, which changes no email address without the verified update-email action.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { http } from '../support/http.ts';
import { keycloakAdmin, registerPatient } from '../support/identity.ts';
import { testStack } from '../support/stack.ts';

/** The login page of realm clinic as the web app opens it: clinic-web's code flow with a PKCE challenge. */
async function loginPage(options: { uiLocales?: string; cookie?: string } = {}) {
  const { gatewayUrl } = testStack();
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    client_id: 'clinic-web',
    redirect_uri: `${gatewayUrl}/`,
    response_type: 'code',
    scope: 'openid',
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(options.uiLocales ? { ui_locales: options.uiLocales } : {}),
  });
  const response = await fetch(`${gatewayUrl}/auth/realms/clinic/protocol/openid-connect/auth?${query.toString()}`, {
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  return { status: response.status, html: await response.text() };
}

/** What every page of the clinic's theme carries, whatever its language; its stylesheet is served through the gateway. */
async function assertClinicTheme(html: string) {
  const stylesheet = /href="([^"]*\/resources\/[^"]+\/login\/clinic\/css\/clinic\.css)"/.exec(html)?.[1];
  assert.ok(stylesheet, 'the theme’s stylesheet');
  const css = await fetch(new URL(stylesheet, testStack().gatewayUrl));
  assert.equal(css.status, 200);
  assert.match(await css.text(), /--clinic-brand: #0b5c8a/, 'the app’s colours');
}

describe('Keycloak’s pages in the clinic’s languages and look', () => {
  it('shows the login page in Romanian for ui_locales=ro, with the clinic’s name and theme', async () => {
    const page = await loginPage({ uiLocales: 'ro' });
    assert.equal(page.status, 200);
    assert.match(page.html, /<html[^>]* lang="ro"/);
    assert.match(page.html, /<title>Conectare la Programări Clinică<\/title>/);
    assert.match(page.html, /Programări Clinică/);
    assert.match(page.html, /Conectează-te la contul tău/, 'Romanian spelled with ă, not Keycloak’s ǎ');
    assert.match(page.html, /Parolă/);
    assert.doesNotMatch(page.html, /Sign in to your account/);
    await assertClinicTheme(page.html);
  });

  it('shows the login page in English for ui_locales=en, with the clinic’s name and theme', async () => {
    const page = await loginPage({ uiLocales: 'en' });
    assert.equal(page.status, 200);
    assert.match(page.html, /<html[^>]* lang="en"/);
    assert.match(page.html, /<title>Sign in to Clinic Booking<\/title>/);
    assert.match(page.html, /Sign in to your account/);
    assert.match(page.html, /Password/);
    assert.doesNotMatch(page.html, /Conecteaz/);
    await assertClinicTheme(page.html);
  });

  it('speaks Romanian by default and follows Keycloak’s locale cookie when the app asks for no language', async () => {
    const byDefault = await loginPage();
    assert.match(byDefault.html, /<html[^>]* lang="ro"/);
    const remembered = await loginPage({ cookie: 'KEYCLOAK_LOCALE=en' });
    assert.match(remembered.html, /<html[^>]* lang="en"/);
    assert.match(remembered.html, /Sign in to your account/);
    const asked = await loginPage({ uiLocales: 'ro', cookie: 'KEYCLOAK_LOCALE=en' });
    assert.match(asked.html, /<html[^>]* lang="ro"/, 'the language the app asks for wins over the cookie');
  });
});

describe('changing the account’s email address', () => {
  it('is refused through Keycloak’s account API, which would skip verifying the new address', async () => {
    const patient = await registerPatient('email-change');
    const newEmail = `taken-over-${patient.email}`;
    const change = (base: string) => async () => {
      const account = await http(`${base}/realms/clinic/account/`, { token: patient.token, headers: { accept: 'application/json' } });
      return http(`${base}/realms/clinic/account/`, {
        method: 'POST',
        token: patient.token,
        headers: { accept: 'application/json' },
        body: { ...(typeof account.body === 'object' ? account.body : {}), email: newEmail },
      });
    };

    // Through the gateway, as the report did: whatever answers (Keycloak's refusal, or the
    // gateway if it no longer passes the account API on), nothing may change.
    const throughGateway = await change(`${testStack().gatewayUrl}/auth`)();
    assert.ok(throughGateway.status >= 400, `through the gateway: ${throughGateway.status} ${JSON.stringify(throughGateway.body)}`);
    // Keycloak itself refuses it: the email is read-only in the account context once the realm's
    // UPDATE_EMAIL action (which mails a link to the new address first) is on.
    const direct = await change(testStack().keycloak.url)();
    assert.equal(direct.status, 400, JSON.stringify(direct.body));
    assert.match(JSON.stringify(direct.body), /read-only|readOnly|email/i);

    const user = await keycloakAdmin(`/users/${patient.id}`);
    assert.equal(user.body.email, patient.email, 'the email address is unchanged');
    const action = await keycloakAdmin('/authentication/required-actions/UPDATE_EMAIL');
    assert.equal(action.body.enabled, true, 'the verified way to change it is on');
  });
});

// What of Keycloak the gateway exposes (issue 19, finding 2, the Low finding on X-Forwarded-*, and the
// login throttle of finding 6), against the real Keycloak: realm clinic's login, token, keys and
// discovery pass; the admin console, the admin API and the master realm do not, however the path is
// dressed up; client-sent forwarding headers do not reach Keycloak; repeated wrong passwords from one
// address are stopped at the gateway without locking the account for everyone else.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { http } from '../support/http.ts';
import { keycloakAdmin, keycloakMasterToken, registerPatient } from '../support/identity.ts';
import { testStack } from '../support/stack.ts';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One request to the gateway with the path exactly as given (fetch would resolve `..` and `.` before
 * sending), from a chosen loopback address: the gateway tells clients apart by the connection's address.
 */
function gatewayRequest(
  path: string,
  {
    method = 'GET',
    headers = {},
    body,
    from = '127.0.0.1',
  }: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<RawAnswer> {
  const { port } = new URL(testStack().gatewayUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        localAddress: from,
        headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (answer) => {
        let text = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => (text += chunk));
        answer.on('end', () => resolve({ status: answer.statusCode!, headers: answer.headers, text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const json = (answer: RawAnswer) => JSON.parse(answer.text);

function passwordGrant(username: string, password: string, from: string, realm = 'clinic') {
  return gatewayRequest(`/auth/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    from,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: realm === 'master' ? 'admin-cli' : 'clinic-cli',
      username,
      password,
    }).toString(),
  });
}

/** The web app's login page of realm clinic, as the browser opens it (authorization code with PKCE). */
const loginPage = () => {
  const query = new URLSearchParams({
    client_id: 'clinic-web',
    redirect_uri: `${testStack().gatewayUrl}/signed-in`,
    response_type: 'code',
    scope: 'openid',
    state: 'surface-check',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
  return `/auth/realms/clinic/protocol/openid-connect/auth?${query.toString()}`;
};

describe('Keycloak through the gateway: the clinic realm’s login only', () => {
  it('answers 404 for the admin console, the admin API and the master realm, also disguised', async () => {
    for (const path of [
      '/auth/',
      '/auth/admin/',
      '/auth/admin/master/console/',
      '/auth/admin;x/master/console/',
      '/auth/%61dmin/master/console/',
      '/auth//admin/master/console/',
      '/auth/./admin/master/console/',
      '/auth/realms/clinic/../../admin/master/console/',
      '/auth/admin/realms/clinic/users',
      '/auth/realms/master/.well-known/openid-configuration',
      '/auth/realms/master;x/.well-known/openid-configuration',
      '/auth/realms/%6daster/.well-known/openid-configuration',
      '/auth/realms/clinic/../master/.well-known/openid-configuration',
      '/auth/realms/clinic/%2e%2e/master/.well-known/openid-configuration',
      '/auth/realms/clinic/account/',
    ]) {
      const answer = await gatewayRequest(path);
      assert.equal(answer.status, 404, `${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
      assert.equal(json(answer).error.code, 'ROUTE_NOT_FOUND', path);
    }
  });

  it('does not let the master realm’s admin log in through the gateway', async () => {
    const { adminUser, adminPassword } = testStack().keycloak;
    for (const realmPath of ['master', 'master;x', 'clinic/../master']) {
      const answer = await gatewayRequest(`/auth/realms/${realmPath}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'admin-cli',
          username: adminUser,
          password: adminPassword,
        }).toString(),
      });
      assert.equal(answer.status, 404, `${realmPath}: ${answer.status} ${answer.text.slice(0, 200)}`);
      assert.equal(answer.text.includes('access_token'), false);
    }
  });

  it('still serves realm clinic’s login page, token endpoint, keys and discovery', async () => {
    const page = await gatewayRequest(loginPage());
    assert.equal(page.status, 200, page.text.slice(0, 300));
    assert.match(page.text, /<form[^>]+action="[^"]*\/auth\/realms\/clinic\/login-actions\/authenticate/);
    const stylesheet = /href="(\/auth\/resources\/[^"]+\.css)"/.exec(page.text)?.[1];
    assert.ok(stylesheet, 'the page loads its styles from /auth/resources');
    assert.equal((await gatewayRequest(stylesheet)).status, 200, stylesheet);

    const patient = await registerPatient('surface');
    const login = await passwordGrant(patient.email, patient.password, '127.0.0.1');
    assert.equal(login.status, 200, login.text);
    assert.ok(json(login).access_token);

    const keys = await gatewayRequest('/auth/realms/clinic/protocol/openid-connect/certs');
    assert.equal(keys.status, 200);
    assert.ok(json(keys).keys.length > 0);

    const discovery = await gatewayRequest('/auth/realms/clinic/.well-known/openid-configuration');
    assert.equal(discovery.status, 200);
    assert.equal(json(discovery).issuer, `${testStack().gatewayUrl}/auth/realms/clinic`);
  });

  it('gives Keycloak its own forwarding headers, never the client’s', async () => {
    const spoofed = {
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '443',
      forwarded: 'for=203.0.113.9;host=evil.example;proto=https',
    };
    const discovery = json(await gatewayRequest('/auth/realms/clinic/.well-known/openid-configuration', { headers: spoofed }));
    const gateway = testStack().gatewayUrl;
    for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint', 'end_session_endpoint']) {
      assert.ok(discovery[endpoint].startsWith(`${gateway}/auth/realms/clinic/`), `${endpoint}: ${discovery[endpoint]}`);
    }
    assert.equal(JSON.stringify(discovery).includes('evil.example'), false);

    // Keycloak records where a failed login came from: the connection's address, not the one claimed.
    const patient = await registerPatient('forwarded-for');
    const from = '127.0.0.5';
    const wrong = await gatewayRequest('/auth/realms/clinic/protocol/openid-connect/token', {
      method: 'POST',
      from,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.9' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'clinic-cli',
        username: patient.email,
        password: 'Wrong-guess-1',
      }).toString(),
    });
    assert.equal(wrong.status, 401);
    // Keycloak logs each failed login with the address it believed (its event logger, in keycloak.log).
    const keycloakLog = join(testStack().stateDir, 'logs', 'keycloak.log');
    let event: string | undefined;
    for (let tries = 0; !event && tries < 50; tries++) {
      event = readFileSync(keycloakLog, 'utf8')
        .split('\n')
        .find((line) => line.includes('type="LOGIN_ERROR"') && line.includes(`userId="${patient.id}"`));
      if (!event) await sleep(100);
    }
    assert.ok(event, 'Keycloak logged the failed login');
    assert.match(event, new RegExp(`ipAddress="${from.replaceAll('.', '\\.')}"`));
  });

  it('stops wrong passwords from one address at the gateway, while another address still logs in', async () => {
    const patient = await registerPatient('throttled');
    const stranger = '127.0.0.3';
    // As fast as the stranger can: the gateway spaces them out, so Keycloak's quick-login check (two
    // failures within a second lock the account for a minute) never fires.
    for (let i = 1; i <= 5; i++) {
      assert.equal((await passwordGrant(patient.email, `Wrong-guess-${i}`, stranger)).status, 401, `guess ${i}`);
    }
    const sixth = await passwordGrant(patient.email, 'Wrong-guess-6', stranger);
    assert.equal(sixth.status, 429, sixth.text);
    assert.equal(json(sixth).error.code, 'TOO_MANY_FAILED_LOGINS');
    assert.ok(Number(sixth.headers['retry-after']) > 0, `Retry-After: ${String(sixth.headers['retry-after'])}`);
    // Even the right password from that address waits: the stranger learns nothing more.
    assert.equal((await passwordGrant(patient.email, patient.password, stranger)).status, 429);

    // Keycloak records failures in the background: wait until the five are counted, then see no more come.
    const failuresCounted = async () => (await keycloakAdmin(`/attack-detection/brute-force/users/${patient.id}`)).body;
    for (let i = 0; i < 50 && (await failuresCounted()).numFailures < 5; i++) await sleep(200);
    await sleep(1_000);
    const detection = await failuresCounted();
    assert.equal(detection.numFailures, 5, 'the sixth and seventh never reached Keycloak');
    assert.equal(detection.disabled, false);
    const owner = await passwordGrant(patient.email, patient.password, '127.0.0.4');
    assert.equal(owner.status, 200, owner.text);
  });

  it('passes a burst of parallel wrong passwords from one address on one at a time, so the account stays open', async () => {
    const patient = await registerPatient('burst');
    const answers = await Promise.all([1, 2, 3].map((i) => passwordGrant(patient.email, `Wrong-guess-${i}`, '127.0.0.7')));
    assert.deepEqual(
      answers.map((a) => a.status),
      [401, 401, 401],
    );
    const owner = await passwordGrant(patient.email, patient.password, '127.0.0.8');
    assert.equal(owner.status, 200, `the owner is not locked out: ${owner.text}`);
  });

  it('counts wrong passwords typed into the login page the same way', async () => {
    const patient = await registerPatient('login-form');
    const from = '127.0.0.6';
    let page = await gatewayRequest(loginPage(), { from });
    assert.equal(page.status, 200);
    // Keycloak's login session lives in its cookies.
    const cookies = new Map<string, string>();
    const keepCookies = (answer: RawAnswer) => {
      for (const cookie of [answer.headers['set-cookie'] ?? []].flat()) {
        const [pair] = cookie.split(';');
        const [name, value] = pair!.split('=', 2) as [string, string];
        cookies.set(name, value);
      }
    };
    keepCookies(page);
    const submit = async (password: string) => {
      const action = /<form[^>]+action="([^"]+)"/.exec(page.text)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(action, 'the page has a login form');
      const answer = await gatewayRequest(action.replace(/^https?:\/\/[^/]+/, ''), {
        method: 'POST',
        from,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        },
        body: new URLSearchParams({ username: patient.email, password, credentialId: '' }).toString(),
      });
      keepCookies(answer);
      if (answer.status === 200) page = answer;
      return answer;
    };
    for (let i = 1; i <= 5; i++) {
      const answer = await submit(`Wrong-guess-${i}`);
      assert.equal(answer.status, 200, `guess ${i}`);
      assert.match(answer.text, /id="kc-form-login"/, `guess ${i} shows the form again`);
    }
    const sixth = await submit('Wrong-guess-6');
    assert.equal(sixth.status, 429);
    // A person at the login page gets a page in the language of Keycloak's pages (Romanian by default), not JSON.
    assert.match(String(sixth.headers['content-type']), /^text\/html/);
    assert.match(sixth.text, /Prea multe încercări de autentificare/);
  });
});

describe('Keycloak’s admin console and master realm, on the loopback port only', () => {
  it('serves the admin console on Keycloak’s own port, logging in there too', async () => {
    const { url } = testStack().keycloak;
    const origin = new URL(url).origin;
    const page = await fetch(`${url}/admin/master/console/`);
    assert.equal(page.status, 200);
    const environment = JSON.parse(/<script id="environment" type="application\/json">([^<]+)<\/script>/.exec(await page.text())![1]!);
    assert.equal(environment.adminBaseUrl, url);
    assert.equal(environment.authUrl, url, 'the console logs in on the loopback port');
    // The master realm's login form posts there too, not to the gateway (which would answer 404).
    const query = new URLSearchParams({
      client_id: 'security-admin-console',
      redirect_uri: `${url}/admin/master/console/`,
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const login = await fetch(`${url}/realms/master/protocol/openid-connect/auth?${query.toString()}`);
    assert.equal(login.status, 200);
    const action = /<form[^>]+action="([^"]+)"/.exec(await login.text())?.[1];
    assert.ok(action?.startsWith(`${origin}/auth/realms/master/login-actions/authenticate`), `the form posts to ${action}`);
  });

  it('protects the master realm against guessing, with a password policy', async () => {
    const master = await http(`${testStack().keycloak.url}/admin/realms/master`, { token: await keycloakMasterToken() });
    assert.equal(master.status, 200);
    assert.equal(master.body.bruteForceProtected, true);
    assert.ok(master.body.failureFactor <= 10, `failure factor ${master.body.failureFactor}`);
    assert.match(master.body.passwordPolicy ?? '', /length\(1[2-9]\)/);
    assert.match(master.body.passwordPolicy, /notUsername/);
  });
});

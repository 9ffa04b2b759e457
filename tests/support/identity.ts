import { randomUUID } from 'node:crypto';
import { http, type Json } from './http.ts';
import { testStack } from './stack.ts';

/**
 * A token as the `clinic-cli` password grant gives it. A right password refused as invalid is asked
 * again a few times, a second or two apart: once in a full run, Keycloak refused the first login of a
 * patient registered and verified a moment before (Keycloak's brute-force protector is known to lock an
 * account now and then with no failure behind it), and a test of something else should not fail on that.
 */
export async function passwordToken(username: string, password: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const answer = await passwordGrant(username, password);
    if (answer.status === 200) return answer.body.access_token as string;
    if (answer.status !== 401 || attempt === 4) {
      throw new Error(`password grant for ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500 * attempt));
  }
}

export async function passwordGrant(username: string, password: string, realm = testStack().keycloak.realm, clientId = 'clinic-cli') {
  return http(`${testStack().keycloak.url}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password }).toString(),
  });
}

export const adminToken = () => passwordToken(testStack().keycloak.demoAdmin.username, testStack().keycloak.demoAdmin.password);

/** The claims of a token (not verified: for assertions only). */
export function claimsOf(token: string): Record<string, Json> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

export const uniqueEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 8)}@test.clinic.local`;
export const PASSWORD = 'Sup3r-secret-pass';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
}

/**
 * Registers a patient through user-service, marks their email verified in Keycloak (as following the
 * emailed link would) and logs them in: a patient who may book.
 */
export async function registerPatient(
  label = 'patient',
  baseUrl = testStack().services['user-service'],
  extra: RegistrationExtras = {},
): Promise<TestUser> {
  const patient = await registerUnverifiedPatient(label, baseUrl, extra);
  await markEmailVerified(patient.id);
  return { ...patient, token: await passwordToken(patient.email, PASSWORD) };
}

/** What a registration may say besides the email and password: the language, a name other than `Test <label>`. */
export interface RegistrationExtras {
  language?: 'ro' | 'en';
  full_name?: string;
}

/** Registers a patient through user-service and logs them in, their email not verified yet (they cannot book). */
export async function registerUnverifiedPatient(
  label = 'patient',
  baseUrl = testStack().services['user-service'],
  extra: RegistrationExtras = {},
): Promise<TestUser> {
  const email = uniqueEmail(label);
  const answer = await http(`${baseUrl}/users/register`, {
    method: 'POST',
    body: { full_name: `Test ${label}`, email, password: PASSWORD, ...extra },
  });
  if (answer.status !== 201) throw new Error(`register failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { id: answer.body.id, email, password: PASSWORD, token: await passwordToken(email, PASSWORD) };
}

/** Marks the user's email verified in Keycloak; tokens issued from then on carry `email_verified: true`. */
export async function markEmailVerified(id: string): Promise<void> {
  const user = await keycloakAdmin(`/users/${id}`);
  if (user.status !== 200) throw new Error(`reading Keycloak user ${id} failed: ${user.status}`);
  const updated = await keycloakAdmin(`/users/${id}`, { method: 'PUT', body: { ...user.body, emailVerified: true } });
  if (updated.status !== 204) throw new Error(`verifying ${id} failed: ${updated.status} ${JSON.stringify(updated.body)}`);
}

let masterToken: { token: Promise<string>; until: number } | undefined;

/**
 * The Keycloak master admin's token, for the admin API (test set-up only). One login serves every
 * call while the token lives (shared by calls made at once): the master realm has brute-force
 * protection, and Keycloak takes a burst of simultaneous logins of one user for an attack.
 */
export async function keycloakMasterToken(): Promise<string> {
  if (masterToken && masterToken.until > Date.now()) return masterToken.token;
  const loggingIn = masterLogin();
  masterToken = { token: loggingIn.then(({ token }) => token), until: Number.POSITIVE_INFINITY };
  try {
    const { token, expiresInSeconds } = await loggingIn;
    // Renewed well before it expires, so no call is made with a token about to run out.
    masterToken.until = Date.now() + Math.max(0, expiresInSeconds - 20) * 1000;
    return token;
  } catch (error) {
    masterToken = undefined;
    throw error;
  }
}

async function masterLogin(): Promise<{ token: string; expiresInSeconds: number }> {
  const { keycloak } = testStack();
  const answer = await http(`${keycloak.url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: keycloak.adminUser,
      password: keycloak.adminPassword,
    }).toString(),
  });
  if (answer.status !== 200) throw new Error(`master admin login failed: ${answer.status}`);
  return { token: answer.body.access_token as string, expiresInSeconds: Number(answer.body.expires_in) };
}

/** Calls Keycloak's admin API on realm `clinic` as the master admin. */
export async function keycloakAdmin(path: string, options: { method?: string; body?: unknown } = {}) {
  const { keycloak } = testStack();
  return http(`${keycloak.url}/admin/realms/${keycloak.realm}${path}`, { ...options, token: await keycloakMasterToken() });
}

/**
 * The test realm's password hashing made cheap, its policy otherwise left as the realm file sets it:
 * hundreds of logins would cost minutes of CPU at the production iteration count.
 */
async function cheapenPasswordHashing(): Promise<void> {
  const policy = ((await keycloakAdmin('')).body.passwordPolicy as string | undefined) ?? '';
  if (policy.includes('hashIterations(1000)')) return;
  const rules = policy.split(' and ').filter((rule) => rule && !rule.startsWith('hashIterations('));
  await keycloakAdmin('', { method: 'PUT', body: { passwordPolicy: [...rules, 'hashIterations(1000)'].join(' and ') } });
}

/**
 * Many patients at once, made straight in Keycloak (faster than registering each) with the PATIENT
 * role, each logged in.
 */
export async function createPatients(count: number, label = 'crowd'): Promise<TestUser[]> {
  await cheapenPasswordHashing();
  const patientRole = (await keycloakAdmin('/roles/PATIENT')).body;
  const createOne = async (): Promise<TestUser> => {
    const email = uniqueEmail(label);
    const created = await keycloakAdmin('/users', {
      method: 'POST',
      body: {
        username: email,
        email,
        firstName: 'Crowd',
        lastName: label,
        enabled: true,
        // As registered patients who followed their verification link: they book.
        emailVerified: true,
        credentials: [{ type: 'password', value: PASSWORD, temporary: false }],
      },
    });
    if (created.status !== 201) throw new Error(`creating ${email} failed: ${created.status}`);
    const id = created.headers.get('location')!.split('/').at(-1)!;
    await keycloakAdmin(`/users/${id}/role-mappings/realm`, { method: 'POST', body: [patientRole] });
    return { id, email, password: PASSWORD, token: await passwordToken(email, PASSWORD) };
  };
  const patients: TestUser[] = [];
  for (let i = 0; i < count; i += 20) {
    patients.push(...(await Promise.all(Array.from({ length: Math.min(20, count - i) }, createOne))));
  }
  return patients;
}

/** The platform services' own token (client credentials of `clinic-services`, role SERVICE), for internal routes. */
export async function serviceToken(): Promise<string> {
  const { keycloak } = testStack();
  const answer = await http(`${keycloak.url}/realms/${keycloak.realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: keycloak.servicesClientId,
      client_secret: keycloak.servicesClientSecret,
    }).toString(),
  });
  if (answer.status !== 200) throw new Error(`client credentials grant failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.access_token as string;
}

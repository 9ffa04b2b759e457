// The demo clinic `npm start` opens on an empty database, so that a newcomer sees a living system at
// once: made through the public API behind the gateway, the way a real admin would make it.
import { callService } from '@clinic/service-kit';

export interface Credentials {
  username: string;
  password: string;
}

export const DEMO_PATIENT = { username: 'patient@clinic.local', password: 'ClinicPatient!2026', fullName: 'Maria Pacient' };
export const DEMO_DOCTOR_PASSWORD = 'ClinicDoctor!2026';

const SPECIALIZATIONS = [
  { name: 'Cardiology', description: 'Heart and blood vessels: check-ups, ECG, blood pressure' },
  { name: 'Dermatology', description: 'Skin, hair and nails' },
  { name: 'Pediatrics', description: 'Children from birth to 18' },
  { name: 'Family medicine', description: 'Check-ups, prescriptions and referrals' },
];

const CABINETS = [
  { name: 'Cabinet 101', location: 'Main building, Str. Sănătății 10, Bucharest', floor: 1 },
  { name: 'Cabinet 102', location: 'Main building, Str. Sănătății 10, Bucharest', floor: 1 },
  { name: 'Cabinet 201', location: 'Main building, Str. Sănătății 10, Bucharest', floor: 2 },
  { name: 'Children’s cabinet', location: 'Building B, Str. Sănătății 12, Bucharest', floor: 0 },
];

const MONDAY_TO_FRIDAY = [1, 2, 3, 4, 5];
const SATURDAY = 6;

const DOCTORS = [
  {
    fullName: 'Ana Ionescu',
    email: 'ana.ionescu@clinic.local',
    specialization: 'Cardiology',
    cabinet: 'Cabinet 101',
    bio: 'Cardiologist, focused on prevention and hypertension.',
    yearsExperience: 18,
    hours: { start_time: '08:00', end_time: '14:00', slot_minutes: 30 },
  },
  {
    fullName: 'Mihai Popescu',
    email: 'mihai.popescu@clinic.local',
    specialization: 'Dermatology',
    cabinet: 'Cabinet 102',
    bio: 'Dermatologist; skin checks and allergies.',
    yearsExperience: 9,
    hours: { start_time: '12:00', end_time: '18:00', slot_minutes: 20 },
    saturday: { start_time: '09:00', end_time: '13:00', slot_minutes: 20 },
  },
  {
    fullName: 'Elena Georgescu',
    email: 'elena.georgescu@clinic.local',
    specialization: 'Pediatrics',
    cabinet: 'Children’s cabinet',
    bio: 'Pediatrician; vaccinations and growth check-ups.',
    yearsExperience: 12,
    hours: { start_time: '09:00', end_time: '15:00', slot_minutes: 30 },
  },
  {
    fullName: 'Andrei Dumitrescu',
    email: 'andrei.dumitrescu@clinic.local',
    specialization: 'Family medicine',
    cabinet: 'Cabinet 201',
    bio: 'Family doctor for the whole family.',
    yearsExperience: 25,
    hours: { start_time: '10:00', end_time: '18:00', slot_minutes: 15 },
  },
];

export const DEMO_DOCTOR_EMAILS = DOCTORS.map((doctor) => doctor.email);

type Log = (line: string) => void;

/** Keycloak reached directly (not through the gateway) with the master admin, to mark demo addresses verified. */
export interface KeycloakAdminAccess {
  url: string;
  adminUser: string;
  adminPassword: string;
}

/** Seeds the demo clinic unless the clinic has a specialization already (then it has been set up). */
export async function seedDemoClinic(gatewayUrl: string, admin: Credentials, keycloak: KeycloakAdminAccess, log: Log): Promise<void> {
  const call = apiClient(gatewayUrl);
  const existing = await call<{ total: number }>(200, 'GET', '/api/specializations?limit=1');
  if (existing.total > 0) return;

  const token = await login(gatewayUrl, admin);
  const specializationIds = new Map<string, string>();
  for (const specialization of SPECIALIZATIONS) {
    const created = await call<{ id: string }>(201, 'POST', '/api/specializations', { token, body: specialization });
    specializationIds.set(specialization.name, created.id);
  }
  const cabinetIds = new Map<string, string>();
  for (const cabinet of CABINETS) {
    const created = await call<{ id: string }>(201, 'POST', '/api/cabinets', { token, body: cabinet });
    cabinetIds.set(cabinet.name, created.id);
  }

  for (const doctor of DOCTORS) {
    const userId = await ensureUser(gatewayUrl, { username: doctor.email, password: DEMO_DOCTOR_PASSWORD, fullName: doctor.fullName });
    await markEmailVerified(keycloak, userId);
    const created = await call<{ id: string }>(201, 'POST', '/api/doctors', {
      token,
      body: {
        user_id: userId,
        specialization_id: specializationIds.get(doctor.specialization),
        cabinet_id: cabinetIds.get(doctor.cabinet),
        bio: doctor.bio,
        years_experience: doctor.yearsExperience,
      },
    });
    const week = [
      ...MONDAY_TO_FRIDAY.map((weekday) => ({ weekday, ...doctor.hours })),
      ...(doctor.saturday ? [{ weekday: SATURDAY, ...doctor.saturday }] : []),
    ];
    for (const entry of week) await call(201, 'POST', `/api/doctors/${created.id}/schedule`, { token, body: entry });
  }

  // The demo patient books at once: their (made-up) address counts as verified.
  await markEmailVerified(keycloak, await ensureUser(gatewayUrl, DEMO_PATIENT));
  log(`demo clinic: ${SPECIALIZATIONS.length} specializations, ${CABINETS.length} cabinets, ${DOCTORS.length} doctors, a patient`);
}

function apiClient(gatewayUrl: string) {
  return async function call<T = unknown>(
    expected: number,
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ) {
    const result = await callService<T>(`${gatewayUrl}${path}`, { method, ...options });
    if (result.status !== expected) throw new Error(`${method} ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  };
}

/** A token by the `clinic-cli` password grant, through the gateway's /auth. */
async function login(gatewayUrl: string, { username, password }: Credentials): Promise<string> {
  const response = await fetch(`${gatewayUrl}/auth/realms/clinic/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'clinic-cli', username, password }),
  });
  if (!response.ok) throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * Registers the user and answers their id. One registered by an earlier, interrupted seeding is kept:
 * their id is the `sub` of their token.
 */
async function ensureUser(gatewayUrl: string, user: Credentials & { fullName: string }): Promise<string> {
  const registered = await callService<{ id: string }>(`${gatewayUrl}/api/users/register`, {
    method: 'POST',
    body: { full_name: user.fullName, email: user.username, password: user.password },
  });
  if (registered.status === 201) return registered.body.id;
  if (registered.status !== 409)
    throw new Error(`registering ${user.username} failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  const token = await login(gatewayUrl, user);
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub;
}

/** Marks a demo account's email verified in realm clinic, as following the emailed link would. */
async function markEmailVerified(keycloak: KeycloakAdminAccess, userId: string): Promise<void> {
  const login = await fetch(`${keycloak.url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: keycloak.adminUser,
      password: keycloak.adminPassword,
    }),
  });
  if (!login.ok) throw new Error(`Keycloak master admin login failed: ${login.status}`);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const userUrl = `${keycloak.url}/admin/realms/clinic/users/${userId}`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const user = (await (await fetch(userUrl, { headers })).json()) as Record<string, unknown>;
  const updated = await fetch(userUrl, { method: 'PUT', headers, body: JSON.stringify({ ...user, emailVerified: true }) });
  if (!updated.ok) throw new Error(`marking ${userId} verified failed: ${updated.status}`);
}

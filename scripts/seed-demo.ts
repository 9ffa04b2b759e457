// The demo clinic `npm start` opens on an empty database, so that a newcomer sees a living system at
// once: made through the public API behind the gateway, the way a real admin would make it.
import { callService } from '@clinic/service-kit';

export interface Credentials {
  username: string;
  password: string;
}

export const DEMO_PATIENT = { username: 'patient@clinic.local', password: 'ClinicPatient!2026', fullName: 'Maria Pacient' };
export const DEMO_DOCTOR_PASSWORD = 'ClinicDoctor!2026';

// The clinic is Romanian: its catalogue is written in Romanian, with the English names and descriptions
// the app shows when it is in English.
const SPECIALIZATIONS = [
  {
    name: 'Cardiologie',
    description: 'Inima și vasele de sânge: consultații, EKG, tensiune arterială',
    name_en: 'Cardiology',
    description_en: 'Heart and blood vessels: check-ups, ECG, blood pressure',
  },
  { name: 'Dermatologie', description: 'Piele, păr și unghii', name_en: 'Dermatology', description_en: 'Skin, hair and nails' },
  { name: 'Pediatrie', description: 'Copii de la naștere la 18 ani', name_en: 'Pediatrics', description_en: 'Children from birth to 18' },
  {
    name: 'Medicină de familie',
    description: 'Consultații, rețete și trimiteri',
    name_en: 'Family medicine',
    description_en: 'Check-ups, prescriptions and referrals',
  },
];

const MAIN_BUILDING = 'Clădirea principală, Str. Sănătății 10, București';
const CABINETS = [
  { name: 'Cabinetul 101', name_en: 'Room 101', location: MAIN_BUILDING, floor: 1 },
  { name: 'Cabinetul 102', name_en: 'Room 102', location: MAIN_BUILDING, floor: 1 },
  { name: 'Cabinetul 201', name_en: 'Room 201', location: MAIN_BUILDING, floor: 2 },
  { name: 'Cabinetul copiilor', name_en: 'Children’s room', location: 'Clădirea B, Str. Sănătății 12, București', floor: 0 },
];

/** Each specialization's visit types, the clinic's defaults for its doctors (durations on their schedules' grids). */
const VISIT_TYPES: Record<
  string,
  Array<{ name_ro: string; name_en: string; duration_minutes: number; price_text?: string; online_bookable?: boolean }>
> = {
  Cardiologie: [
    { name_ro: 'Consultație inițială', name_en: 'First consultation', duration_minutes: 60, price_text: '300 lei' },
    { name_ro: 'Control', name_en: 'Follow-up', duration_minutes: 20, price_text: '150 lei' },
  ],
  Dermatologie: [
    { name_ro: 'Consultație dermatologică', name_en: 'Dermatology consultation', duration_minutes: 40, price_text: '250 lei' },
    { name_ro: 'Control', name_en: 'Follow-up', duration_minutes: 20, price_text: '120 lei' },
    { name_ro: 'Excizie de aluniță', name_en: 'Mole removal', duration_minutes: 60, price_text: '450 lei', online_bookable: false },
  ],
  Pediatrie: [
    { name_ro: 'Consultație pediatrică', name_en: 'Pediatric consultation', duration_minutes: 30, price_text: '200 lei' },
    { name_ro: 'Vaccinare', name_en: 'Vaccination', duration_minutes: 15 },
    { name_ro: 'Bilanț de sănătate', name_en: 'Health check-up', duration_minutes: 60, price_text: '280 lei' },
  ],
  'Medicină de familie': [
    { name_ro: 'Consultație', name_en: 'Consultation', duration_minutes: 30 },
    { name_ro: 'Reînnoire rețetă', name_en: 'Prescription renewal', duration_minutes: 15 },
  ],
};

const MONDAY_TO_FRIDAY = [1, 2, 3, 4, 5];
const SATURDAY = 6;

const DOCTORS = [
  {
    fullName: 'Ana Ionescu',
    email: 'ana.ionescu@clinic.local',
    specialization: 'Cardiologie',
    cabinet: 'Cabinetul 101',
    bio: 'Medic cardiolog, cu accent pe prevenție și hipertensiune.',
    yearsExperience: 18,
    hours: { start_time: '08:00', end_time: '14:00', slot_minutes: 30 },
  },
  {
    fullName: 'Mihai Popescu',
    email: 'mihai.popescu@clinic.local',
    specialization: 'Dermatologie',
    cabinet: 'Cabinetul 102',
    bio: 'Medic dermatolog; controlul alunițelor și alergii.',
    yearsExperience: 9,
    hours: { start_time: '12:00', end_time: '18:00', slot_minutes: 20 },
    saturday: { start_time: '09:00', end_time: '13:00', slot_minutes: 20 },
  },
  {
    fullName: 'Elena Georgescu',
    email: 'elena.georgescu@clinic.local',
    specialization: 'Pediatrie',
    cabinet: 'Cabinetul copiilor',
    bio: 'Medic pediatru; vaccinări și controale de creștere.',
    yearsExperience: 12,
    hours: { start_time: '09:00', end_time: '15:00', slot_minutes: 30 },
  },
  {
    fullName: 'Andrei Dumitrescu',
    email: 'andrei.dumitrescu@clinic.local',
    specialization: 'Medicină de familie',
    cabinet: 'Cabinetul 201',
    bio: 'Medic de familie pentru întreaga familie.',
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
    for (const visitType of VISIT_TYPES[specialization.name] ?? []) {
      await call(201, 'POST', `/api/specializations/${created.id}/visit-types`, { token, body: visitType });
    }
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

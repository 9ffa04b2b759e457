// The clinic's catalogue and doctors, made through doctor-service the way an admin makes them, for
// tests that need a doctor to look at or to book. Every call makes fresh rows with unique names.
import { randomUUID } from 'node:crypto';
import type {
  Cabinet,
  CreateScheduleEntryRequest,
  CreateTimeOffRequest,
  Doctor,
  ScheduleEntryView,
  Specialization,
  TimeOffView,
} from '@clinic/contracts';
import { http, type RequestOptions } from './http.ts';
import { adminToken, passwordToken, registerPatient, type TestUser } from './identity.ts';
import { testStack } from './stack.ts';

/** The time zone the test stack's doctor-service runs with (its default). */
export const CLINIC_TIME_ZONE = 'Europe/Bucharest';

/** Working hours every day of the week, 08:00–20:00 in 30-minute slots: a test always finds a free slot ahead. */
export const ALL_WEEK: CreateScheduleEntryRequest[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  start_time: '08:00',
  end_time: '20:00',
  slot_minutes: 30,
}));

export const doctorService = (path: string) => `${testStack().services['doctor-service']}${path}`;

/** Calls doctor-service and insists on the expected status; the answer's body otherwise. */
async function expectAnswer<T>(status: number, path: string, options: RequestOptions): Promise<T> {
  const answer = await http<T>(doctorService(path), options);
  if (answer.status !== status) {
    throw new Error(`${options.method ?? 'GET'} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

/**
 * The admin's token, shared for a minute: Keycloak's brute force protection refuses logins of one user
 * that run at the same time, which parallel helpers would otherwise do.
 */
let sharedAdmin: { token: Promise<string>; until: number } | undefined;
function admin(): Promise<string> {
  if (!sharedAdmin || sharedAdmin.until < Date.now()) {
    const token = adminToken();
    sharedAdmin = { token, until: Date.now() + 60_000 };
    token.catch(() => (sharedAdmin = undefined));
  }
  return sharedAdmin.token;
}

export async function createSpecialization(options: { name?: string; description?: string; admin?: string } = {}): Promise<Specialization> {
  return expectAnswer(201, '/specializations', {
    method: 'POST',
    token: options.admin ?? (await admin()),
    body: { name: options.name ?? unique('Specialization'), description: options.description ?? 'Made by a test' },
  });
}

export async function createCabinet(options: { name?: string; location?: string; floor?: number; admin?: string } = {}): Promise<Cabinet> {
  return expectAnswer(201, '/cabinets', {
    method: 'POST',
    token: options.admin ?? (await admin()),
    body: { name: options.name ?? unique('Cabinet'), location: options.location ?? 'Test wing', floor: options.floor ?? 1 },
  });
}

export interface CreateDoctorOptions {
  /** Weekly working hours; ALL_WEEK unless given ([] for none). */
  schedule?: CreateScheduleEntryRequest[];
  timeOff?: CreateTimeOffRequest[];
  /** A fresh specialization and cabinet unless given. */
  specializationId?: string;
  cabinetId?: string;
  admin?: string;
  /** Names the doctor `Test <label>` (and their email); "doctor" unless given, shared by many doctors. */
  label?: string;
  /** The doctor's full name instead of `Test <label>`. */
  fullName?: string;
}

export interface CreatedDoctor {
  doctor: Doctor;
  /** The doctor's user, logged in after becoming a doctor: the token carries DOCTOR. */
  user: TestUser;
  schedule: ScheduleEntryView[];
  timeOff: TimeOffView[];
}

/** Registers a user and makes them a doctor, as an admin would, with a schedule and time off. */
export async function createDoctor(options: CreateDoctorOptions = {}): Promise<CreatedDoctor> {
  const token = options.admin ?? (await admin());
  const [specializationId, cabinetId, patient] = await Promise.all([
    options.specializationId ?? createSpecialization({ admin: token }).then((created) => created.id),
    options.cabinetId ?? createCabinet({ admin: token }).then((created) => created.id),
    registerPatient(options.label ?? 'doctor', undefined, options.fullName ? { full_name: options.fullName } : {}),
  ]);
  const doctor = await expectAnswer<Doctor>(201, '/doctors', {
    method: 'POST',
    token,
    body: { user_id: patient.id, specialization_id: specializationId, cabinet_id: cabinetId, bio: 'Made by a test', years_experience: 5 },
  });
  const schedule: ScheduleEntryView[] = [];
  for (const entry of options.schedule ?? ALL_WEEK) {
    schedule.push(await expectAnswer(201, `/doctors/${doctor.id}/schedule`, { method: 'POST', token, body: entry }));
  }
  const timeOff: TimeOffView[] = [];
  for (const days of options.timeOff ?? []) {
    timeOff.push(await expectAnswer(201, `/doctors/${doctor.id}/time-off`, { method: 'POST', token, body: days }));
  }
  const user = { ...patient, token: await passwordToken(patient.email, patient.password) };
  return { doctor, user, schedule, timeOff };
}

/** The calendar date `days` after today in the clinic's time zone, YYYY-MM-DD. */
export function clinicDate(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TIME_ZONE }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export const isoWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

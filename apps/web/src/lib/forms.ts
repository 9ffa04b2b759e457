// Checks the forms make before sending, mirroring what the API refuses, so mistakes are named at the field.
import { meetsPasswordPolicy } from './password-policy.ts';
import type { PasswordPolicy } from './types.ts';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Translation keys of the problems, by field; empty when the registration can be sent. The password is
 * held to the realm's policy once it is known (until then only required: Keycloak judges it anyway).
 */
export function registrationProblems(
  form: { full_name: string; email: string; password: string; phone: string },
  policy: PasswordPolicy | undefined,
) {
  const problems: FieldErrors<'full_name' | 'email' | 'password' | 'phone'> = {};
  if (!form.full_name.trim()) problems.full_name = 'forms.required';
  if (!EMAIL.test(form.email.trim())) problems.email = 'forms.email';
  if (!form.password) problems.password = 'forms.required';
  else if (policy && !meetsPasswordPolicy(form.password, policy, form.email)) problems.password = 'forms.passwordPolicy';
  if (form.phone.trim() && !PHONE.test(form.phone.trim())) problems.phone = 'forms.phone';
  return problems;
}

export function profileProblems(form: { full_name: string; phone: string }) {
  const problems: FieldErrors<'full_name' | 'phone'> = {};
  if (!form.full_name.trim()) problems.full_name = 'forms.required';
  if (form.phone.trim() && !PHONE.test(form.phone.trim())) problems.phone = 'forms.phone';
  return problems;
}

/** A time-off period: both dates, the end not before the start, and a reason. */
export function timeOffProblems(form: { start_date: string; end_date: string; reason: string }) {
  const problems: FieldErrors<'start_date' | 'end_date' | 'reason'> = {};
  if (!form.start_date) problems.start_date = 'forms.required';
  if (!form.end_date) problems.end_date = 'forms.required';
  else if (form.start_date && form.end_date < form.start_date) problems.end_date = 'forms.endBeforeStart';
  if (!form.reason.trim()) problems.reason = 'forms.required';
  return problems;
}

/** Weekly hours: end after start, and the slot length dividing the time between them. */
export function scheduleProblems(form: { start_time: string; end_time: string; slot_minutes: string }) {
  const problems: FieldErrors<'start_time' | 'end_time' | 'slot_minutes'> = {};
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const slot = Number(form.slot_minutes);
  if (!/^\d\d:\d\d$/.test(form.start_time)) problems.start_time = 'forms.required';
  if (!/^\d\d:\d\d$/.test(form.end_time)) problems.end_time = 'forms.required';
  else if (!problems.start_time && minutes(form.end_time) <= minutes(form.start_time)) problems.end_time = 'forms.endBeforeStart';
  if (!Number.isInteger(slot) || slot < 5 || slot > 480) problems.slot_minutes = 'forms.slotMinutes';
  else if (!problems.start_time && !problems.end_time && (minutes(form.end_time) - minutes(form.start_time)) % slot !== 0) {
    problems.slot_minutes = 'forms.slotDivides';
  }
  return problems;
}

export const hasProblems = (problems: object) => Object.keys(problems).length > 0;

// The API's shapes as the app reads them (the services' contracts live in packages/contracts).

export type Role = 'PATIENT' | 'DOCTOR' | 'ADMIN';
export type Language = 'ro' | 'en';

export interface UserProfile {
  id: string;
  email: string;
  full_name: string;
  phone: string | null;
  role: Role;
  /** Present once user-service stores the preference. */
  language?: Language;
  created_at: string;
  updated_at: string;
}

export interface Specialization {
  id: string;
  name: string;
  description: string | null;
  /** Shown when the app is in English, where the clinic wrote one. */
  name_en?: string | null;
  description_en?: string | null;
}

export interface Cabinet {
  id: string;
  name: string;
  location: string;
  floor: number;
  name_en?: string | null;
}

/** What a patient books with a doctor: a first consultation of 60 minutes, a follow-up of 20. */
export interface VisitType {
  id: string;
  specialization_id: string | null;
  doctor_id: string | null;
  name_ro: string;
  name_en: string;
  duration_minutes: number;
  price_text: string | null;
  online_bookable: boolean;
  archived: boolean;
}

export interface Doctor {
  id: string;
  user_id: string;
  full_name: string;
  email: string;
  specialization: { id: string; name: string; name_en?: string };
  cabinet: { id: string; name: string; location: string; floor: number; name_en?: string };
  bio: string | null;
  years_experience: number | null;
}

export interface Slot {
  start: string;
  end: string;
}

export type NoSlotsReason =
  'INVALID_DATE' | 'PAST_DATE' | 'BEYOND_HORIZON' | 'CLOSED' | 'TIME_OFF' | 'NOT_WORKING' | 'TOO_SOON' | 'FULLY_BOOKED';

export interface AvailabilityDay {
  date: string;
  slots: Slot[];
  reason?: NoSlotsReason;
  /** With reason CLOSED: the clinic's closed day. */
  closed_day?: { name_ro: string; name_en: string };
}

export interface Availability {
  doctor_id: string;
  from: string;
  days: number;
  time_zone: string;
  horizon_days: number;
  dates: AvailabilityDay[];
}

export type AppointmentStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED' | 'COMPLETED' | 'EXPIRED' | 'NO_SHOW';

export interface Appointment {
  id: string;
  patient_id: string;
  doctor_id: string;
  cabinet_id: string;
  start_time: string;
  end_time: string;
  status: AppointmentStatus;
  patient_name: string;
  patient_email: string;
  doctor_name: string;
  specialization_name: string;
  cabinet_name: string;
  cabinet_location: string;
  cabinet_floor: number;
  pdf_object_key: string | null;
  /** Who booked it: the patient, or an admin at the front desk (absent on some older bookings). */
  booked_by?: string;
  /** Whom it is for when a family member of the account (their name as booked); null for the account holder. */
  family_member_id?: string | null;
  family_member_name?: string | null;
  /** Why the patient comes, in their words (never in emails nor the PDF). */
  reason?: string | null;
  /** The visit type it was booked as, named as it was then; null or absent without one. */
  visit_type_id?: string | null;
  visit_type_name_ro?: string | null;
  visit_type_name_en?: string | null;
}

export type FamilyRelation = 'child' | 'parent' | 'spouse' | 'other';

/** Someone a patient books for (GET /users/me/family-members). */
export interface FamilyMember {
  id: string;
  user_id: string;
  full_name: string;
  birth_date: string;
  relation: FamilyRelation;
}

/** The clinic's change rules (GET /appointments/rules). */
export interface AppointmentRules {
  /** A patient cancels or moves until this many hours before the start; then only staff, with a reason. */
  patient_change_cutoff_hours: number;
}

/** An appointment a calendar change or a doctor's deletion stands in the way of (`details.appointments` of a 409). */
export interface AffectedAppointment {
  id: string;
  start_time: string;
  end_time: string;
  patient_name: string;
}

export type WaitlistEntryStatus = 'WAITING' | 'OFFERED' | 'BOOKED' | 'REMOVED';

export interface WaitlistEntry {
  id: string;
  patient_id: string;
  patient_name: string;
  doctor_id: string;
  doctor_name: string;
  date_from: string;
  date_to: string;
  status: WaitlistEntryStatus;
  /** The time held for the patient now: only they can book it until `expires_at`. */
  offer: { hold_id: string; start_time: string; end_time: string; expires_at: string } | null;
  created_at: string;
}

export interface ScheduleEntry {
  id: string;
  doctor_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  slot_minutes: number;
  valid_from: string | null;
  valid_to: string | null;
}

export interface TimeOff {
  id: string;
  doctor_id: string;
  start_date: string;
  end_date: string;
  reason: string;
}

export interface NotificationItem {
  id: string;
  subject?: string;
  body?: string;
  channel?: string;
  status?: string;
  event_type?: string;
  type?: string;
  sent_at?: string | null;
  created_at?: string;
}

/** What a new password must be: realm clinic's policy as `GET /api/users/password-policy` answers it. */
export interface PasswordPolicy {
  min_length: number;
  max_length: number | null;
  upper_case: number;
  lower_case: number;
  digits: number;
  special_chars: number;
  not_username: boolean;
  not_email: boolean;
}

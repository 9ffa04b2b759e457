import type { Appointment, AppointmentStatus, Language } from '@clinic/contracts';
import { dateTimeFormat } from '@clinic/scheduling';
import type { Audience, ClinicInfo } from './message-input.ts';

/** What an email says, before it is written out as text and as HTML. */
export interface Layout {
  subject: string;
  greeting: string;
  paragraphs: string[];
  details?: Array<[string, string]>;
  /** A second block of details, e.g. the time before a change. */
  previousDetails?: { title: string; rows: Array<[string, string]> };
  list?: string[];
  link?: { label: string; href: string };
  /** The appointment's signed links, each a line of its own (a patient's emails). */
  actions?: Array<{ label: string; href: string }>;
  closing: string[];
}

export const STATUS: Record<Language, Record<AppointmentStatus, string>> = {
  ro: {
    PENDING: 'în așteptarea confirmării',
    CONFIRMED: 'confirmată',
    CANCELLED: 'anulată',
    COMPLETED: 'încheiată',
    EXPIRED: 'expirată',
    NO_SHOW: 'neprezentare',
  },
  en: {
    PENDING: 'awaiting confirmation',
    CONFIRMED: 'confirmed',
    CANCELLED: 'cancelled',
    COMPLETED: 'completed',
    EXPIRED: 'expired',
    NO_SHOW: 'missed',
  },
};

export const locale = (language: Language) => (language === 'ro' ? 'ro-RO' : 'en-GB');

/** "joi, 3 decembrie 2026, 09:30–10:00" / "Thursday 3 December 2026, 09:30–10:00" in the clinic's zone. */
export function formatTimeRange(start: string, end: string, language: Language, timeZone: string): string {
  const day = dateTimeFormat(locale(language), { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = dateTimeFormat(locale(language), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${day.format(new Date(start))}, ${time.format(new Date(start))}–${time.format(new Date(end))}`;
}

/** "joi, 3 decembrie la 21:30" / "Thursday 3 December at 21:30": a moment of the next days, in the clinic's zone. */
export function dayAndTime(instant: string, language: Language, timeZone: string): string {
  const day = dateTimeFormat(locale(language), { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
  return `${day.format(new Date(instant))} ${language === 'ro' ? 'la' : 'at'} ${shortTime(instant, language, timeZone)}`;
}

export const shortTime = (instant: string, language: Language, timeZone: string) =>
  dateTimeFormat(locale(language), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

export function cabinetText(a: Pick<Appointment, 'cabinet_name' | 'cabinet_location' | 'cabinet_floor'>, language: Language) {
  return language === 'ro'
    ? `${a.cabinet_name}, ${a.cabinet_location}, etajul ${a.cabinet_floor}`
    : `${a.cabinet_name}, ${a.cabinet_location}, floor ${a.cabinet_floor}`;
}

function appointmentDetails(a: Appointment, language: Language, timeZone: string, audience: Audience): Array<[string, string]> {
  const ro = language === 'ro';
  return [
    audience === 'PATIENT' ? [ro ? 'Medic' : 'Doctor', a.doctor_name] : [ro ? 'Pacient' : 'Patient', a.patient_name],
    [ro ? 'Specializare' : 'Specialization', a.specialization_name],
    // The visit type booked, in the recipient's language, as it was named when booked.
    ...visitTypeDetail(a, ro),
    [ro ? 'Data și ora' : 'Date and time', formatTimeRange(a.start_time, a.end_time, language, timeZone)],
    [ro ? 'Cabinet' : 'Room', cabinetText(a, language)],
    [ro ? 'Stare' : 'Status', STATUS[language][a.status]],
  ];
}

function visitTypeDetail(a: Appointment, ro: boolean): Array<[string, string]> {
  const name = ro ? a.visit_type_name_ro : a.visit_type_name_en;
  return name ? [[ro ? 'Tipul consultației' : 'Visit type', name]] : [];
}

/** The closing lines of every email. */
export const signatureOf = (ro: boolean, clinic: ClinicInfo) =>
  ro ? [`Cu stimă,`, `${clinic.name}`, clinic.publicUrl] : ['Kind regards,', clinic.name, clinic.publicUrl];

/** What every email about one appointment shares, worked out once for each kind's own layout. */
export interface AppointmentWording {
  ro: boolean;
  language: Language;
  clinic: ClinicInfo;
  appointment: Appointment;
  /** The appointment's time range, in the clinic's zone. */
  when: string;
  greeting: string;
  details: Array<[string, string]>;
  signature: string[];
  /** Where the patient sees and cancels their appointments. */
  manage: string;
}

export function appointmentWording(
  appointment: Appointment,
  audience: Audience,
  language: Language,
  clinic: ClinicInfo,
): AppointmentWording {
  const ro = language === 'ro';
  const a = appointment;
  const tz = clinic.timeZone;
  const greetName = audience === 'PATIENT' ? a.patient_name : a.doctor_name;
  return {
    ro,
    language,
    clinic,
    appointment,
    when: formatTimeRange(a.start_time, a.end_time, language, tz),
    greeting: ro ? `Bună ziua, ${greetName},` : `Hello ${greetName},`,
    details: appointmentDetails(a, language, tz, audience),
    signature: signatureOf(ro, clinic),
    manage: ro
      ? `Programările dumneavoastră se văd și se anulează din cont: ${clinic.publicUrl}`
      : `You can see and cancel your appointments in your account: ${clinic.publicUrl}`,
  };
}

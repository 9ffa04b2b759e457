import type { Appointment, Language } from '@clinic/contracts';
import { dateTimeFormat } from '@clinic/scheduling';

/** The language a PDF is made in when its patient's is not known: the clinic's own. */
export const DEFAULT_PDF_LANGUAGE: Language = 'ro';

type Status = Appointment['status'];

interface Labels {
  locale: string;
  document: string;
  status: string;
  patient: string;
  /** Whom the appointment is for, when a family member of the account. */
  forWhom: string;
  /** The account that booked it for them (their patient row's label then). */
  accountHolder: string;
  doctor: string;
  specialization: string;
  visitType: string;
  time: string;
  cabinet: string;
  id: string;
  floor: (floor: number) => string;
  statuses: Record<Status, string>;
  headings: Record<Status, { title: string; notice?: string }>;
}

const en: Labels = {
  locale: 'en-GB',
  document: 'Appointment',
  status: 'Status',
  patient: 'Patient',
  forWhom: 'For',
  accountHolder: 'Account holder',
  doctor: 'Doctor',
  specialization: 'Specialization',
  visitType: 'Visit type',
  time: 'Date and time',
  cabinet: 'Cabinet',
  id: 'Appointment id',
  floor: (floor) => `floor ${floor}`,
  statuses: {
    PENDING: 'PENDING',
    CONFIRMED: 'CONFIRMED',
    CANCELLED: 'CANCELLED',
    COMPLETED: 'COMPLETED',
    EXPIRED: 'EXPIRED',
    NO_SHOW: 'NO-SHOW',
  },
  headings: {
    PENDING: { title: 'Appointment details' },
    CONFIRMED: { title: 'Appointment confirmation' },
    COMPLETED: { title: 'Appointment details' },
    CANCELLED: { title: 'Appointment cancelled', notice: 'CANCELLED: this appointment no longer takes place.' },
    EXPIRED: { title: 'Appointment request expired', notice: 'EXPIRED: the clinic never confirmed this request.' },
    NO_SHOW: { title: 'Appointment missed', notice: 'NO-SHOW: the patient did not come.' },
  },
};

const ro: Labels = {
  locale: 'ro-RO',
  document: 'Programare',
  status: 'Stare',
  patient: 'Pacient',
  forWhom: 'Pentru',
  accountHolder: 'Titularul contului',
  doctor: 'Medic',
  specialization: 'Specializare',
  visitType: 'Tipul consultației',
  time: 'Data și ora',
  cabinet: 'Cabinet',
  id: 'Nr. programării',
  floor: (floor) => `etajul ${floor}`,
  statuses: {
    PENDING: 'ÎN AȘTEPTARE',
    CONFIRMED: 'CONFIRMATĂ',
    CANCELLED: 'ANULATĂ',
    COMPLETED: 'ÎNCHEIATĂ',
    EXPIRED: 'EXPIRATĂ',
    NO_SHOW: 'NEPREZENTARE',
  },
  headings: {
    PENDING: { title: 'Detaliile programării' },
    CONFIRMED: { title: 'Confirmarea programării' },
    COMPLETED: { title: 'Detaliile programării' },
    CANCELLED: { title: 'Programare anulată', notice: 'ANULATĂ: această programare nu mai are loc.' },
    EXPIRED: { title: 'Cerere de programare expirată', notice: 'EXPIRATĂ: clinica nu a confirmat niciodată această cerere.' },
    NO_SHOW: { title: 'Programare ratată', notice: 'NEPREZENTARE: pacientul nu a venit.' },
  },
};

const LABELS: Record<Language, Labels> = { ro, en };

/** Every word the PDF prints, in the patient's language. */
export const labelsOf = (language: Language): Labels => LABELS[language];

/**
 * The title, and for an appointment that no longer takes place a notice in large red letters above
 * everything else: a PDF saved or forwarded earlier and opened again (its emailed link works for days)
 * must not pass for a valid appointment.
 */
export function headingOf(status: Status, language: Language = 'en'): { title: string; notice?: string } {
  return LABELS[language].headings[status];
}

/**
 * "Monday 30 November 2026, 08:00–08:30 (Europe/Bucharest)", "luni 30 noiembrie 2026, 08:00–08:30
 * (Europe/Bucharest)": the clinic's wall clock, DST included, in the patient's language.
 */
export function formatAppointmentTime(start: string, end: string, timeZone: string, language: Language = 'en'): string {
  const { locale } = LABELS[language];
  const day = dateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = dateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  // Assembled from the parts: ICU versions differ in the punctuation between them.
  const { weekday, day: dayOfMonth, month, year } = Object.fromEntries(day.formatToParts(new Date(start)).map((p) => [p.type, p.value]));
  return `${weekday} ${dayOfMonth} ${month} ${year}, ${time.format(new Date(start))}–${time.format(new Date(end))} (${timeZone})`;
}

/** The label and value rows of the PDF's table, in order (never the reason for the visit: the PDF is forwarded and printed). */
export function detailRows(appointment: Appointment, timeZone: string, language: Language): Array<[string, string]> {
  const labels = LABELS[language];
  const cabinet = `${appointment.cabinet_name}, ${appointment.cabinet_location}, ${labels.floor(appointment.cabinet_floor)}`;
  return [
    [labels.status, labels.statuses[appointment.status]],
    // A family member's appointment is theirs: their name first, then the account that booked it.
    ...((appointment.family_member_name
      ? [
          [labels.forWhom, appointment.family_member_name],
          [labels.accountHolder, appointment.patient_name],
        ]
      : [[labels.patient, appointment.patient_name]]) satisfies Array<[string, string]>),
    [labels.doctor, appointment.doctor_name],
    [labels.specialization, appointment.specialization_name],
    // The visit type's name in the PDF's language, as it was when booked; no row for a booking without one.
    ...visitTypeRow(appointment, labels.visitType, language),
    [labels.time, formatAppointmentTime(appointment.start_time, appointment.end_time, timeZone, language)],
    [labels.cabinet, cabinet],
    [labels.id, appointment.id],
  ];
}

function visitTypeRow(appointment: Appointment, label: string, language: Language): Array<[string, string]> {
  const name = language === 'ro' ? appointment.visit_type_name_ro : appointment.visit_type_name_en;
  return name ? [[label, name]] : [];
}

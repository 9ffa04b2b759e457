import type { Appointment, Language } from '@clinic/contracts';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { ClinicInfo } from '../messages/index.ts';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

export interface CalendarInvite {
  appointment: Appointment;
  method: CalendarMethod;
  /** 0 when booked, one more for each change after it: calendars apply the highest. */
  sequence: number;
  language: Language;
  clinic: ClinicInfo;
  /** The clinic's sending address, the organizer of every invitation. */
  organizerEmail: string;
  /** Whose invitation it is: the patient's names no staff login (the doctor is in the summary, without an address). */
  audience: 'PATIENT' | 'DOCTOR';
}

/** One UID per appointment, so every update and the cancellation replace the first invitation. */
export const appointmentUid = (appointmentId: string, publicUrl: string) => `appointment-${appointmentId}@${new URL(publicUrl).hostname}`;

/** An iCalendar (RFC 5545) invitation, update or cancellation of the appointment. */
export function appointmentCalendar(invite: CalendarInvite): string {
  const { appointment: a, clinic, language } = invite;
  const ro = language === 'ro';
  const calendar = ical({
    prodId: { company: clinic.name, product: 'Clinic Booking', language: language.toUpperCase() },
    name: clinic.name,
    method: invite.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: appointmentUid(a.id, clinic.publicUrl),
    sequence: invite.sequence,
    start: new Date(a.start_time),
    end: new Date(a.end_time),
    // The time of the change the invitation describes, so the same invitation renders the same.
    stamp: new Date(a.updated_at),
    summary: ro ? `Programare: ${a.specialization_name}, ${a.doctor_name}` : `Appointment: ${a.specialization_name}, ${a.doctor_name}`,
    description: ro ? `Pacient: ${a.patient_name}\nMedic: ${a.doctor_name}` : `Patient: ${a.patient_name}\nDoctor: ${a.doctor_name}`,
    location: ro
      ? `${a.cabinet_name}, ${a.cabinet_location}, etajul ${a.cabinet_floor}, ${clinic.name}`
      : `${a.cabinet_name}, ${a.cabinet_location}, floor ${a.cabinet_floor}, ${clinic.name}`,
    url: clinic.publicUrl,
    status: invite.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: clinic.name, email: invite.organizerEmail },
    attendees: [
      { name: a.patient_name, email: a.patient_email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED },
      ...(invite.audience === 'DOCTOR'
        ? [{ name: a.doctor_name, email: a.doctor_email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED }]
        : []),
    ],
  });
  // RFC 5545 ends every content line with CRLF, the last one too.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

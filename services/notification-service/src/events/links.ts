import { signAppointmentLink, type AppointmentLinkAction } from '@clinic/service-kit';
import type { Appointment, Language } from '@clinic/contracts';
import type { AppointmentLinks, ClinicInfo } from '../messages/index.ts';

/** How long after the appointment's end its emailed links still open it (view and PDF). */
export const LINK_DAYS_AFTER_END = 30;

export interface LinkSettings {
  clinic: ClinicInfo;
  /** APPOINTMENT_LINK_SECRET, shared with appointment-service, which verifies the links. */
  linkSecret: string;
  patientChangeCutoffHours: number;
}

/**
 * The actions a patient's email offers: viewing always; cancelling an active appointment and moving a
 * pending one while the patient cut-off had not passed at `at` (the event's time). appointment-service
 * checks the same rules again when a link is used.
 */
export function offeredActions(
  appointment: Pick<Appointment, 'status' | 'start_time'>,
  at: string,
  cutoffHours: number,
): AppointmentLinkAction[] {
  const open =
    Date.parse(at) <= Date.parse(appointment.start_time) - cutoffHours * 3_600_000 && Date.parse(at) < Date.parse(appointment.start_time);
  const actions: AppointmentLinkAction[] = ['VIEW'];
  if (open && appointment.status === 'PENDING') actions.push('RESCHEDULE');
  if (open && (appointment.status === 'PENDING' || appointment.status === 'CONFIRMED')) actions.push('CANCEL');
  return actions;
}

/** The signed links of one email to the appointment's patient: one token, in their language, for the page and the PDF. */
export function appointmentLinks(appointment: Appointment, language: Language, at: string, settings: LinkSettings): AppointmentLinks {
  const actions = offeredActions(appointment, at, settings.patientChangeCutoffHours);
  const token = signAppointmentLink(settings.linkSecret, {
    appointmentId: appointment.id,
    patientId: appointment.patient_id,
    actions,
    expiresAt: Math.floor(Date.parse(appointment.end_time) / 1000) + LINK_DAYS_AFTER_END * 86_400,
    language,
  });
  const page = `${settings.clinic.publicUrl}/a/${token}`;
  return {
    view: page,
    pdf: `${settings.clinic.publicUrl}/api/appointments/links/${token}/pdf`,
    reschedule: actions.includes('RESCHEDULE') ? `${page}?do=reschedule` : undefined,
    cancel: actions.includes('CANCEL') ? `${page}?do=cancel` : undefined,
  };
}

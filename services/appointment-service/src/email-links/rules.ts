import type { Principal } from '@clinic/service-kit';
import type { Appointment, AppointmentLinkAction } from '@clinic/contracts';
import { changeRefusal, transitionAllowed } from '../appointments/index.ts';

/** The patient as the holder of their emailed link acts: exactly what they could do logged in, no more. */
export function linkHolder(appointment: Pick<Appointment, 'patient_id' | 'patient_email' | 'patient_name'>): Principal {
  return {
    id: appointment.patient_id,
    roles: ['PATIENT'],
    email: appointment.patient_email,
    // The link reached the address the clinic has for them: it is theirs.
    emailVerified: true,
    name: appointment.patient_name,
    token: '',
  };
}

/**
 * What a link allows now: its own actions, less what the appointment's status or the patient cut-off
 * refuses at this moment (the same rules as the patient's own cancel and reschedule). Viewing is
 * always allowed while the link lives.
 */
export function actionsAllowedNow(
  linkActions: readonly AppointmentLinkAction[],
  appointment: Pick<Appointment, 'patient_id' | 'patient_email' | 'patient_name' | 'doctor_user_id' | 'status' | 'start_time'>,
  now: Date,
  cutoffHours: number,
): AppointmentLinkAction[] {
  const open = changeRefusal(linkHolder(appointment), appointment, now, cutoffHours) === undefined;
  return linkActions.filter((action) => {
    if (action === 'VIEW') return true;
    if (action === 'CANCEL') return open && transitionAllowed('CANCEL', appointment.status);
    return open && transitionAllowed('RESCHEDULE', appointment.status);
  });
}

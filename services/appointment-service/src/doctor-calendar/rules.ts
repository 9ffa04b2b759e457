import type { AffectedAppointment, Appointment, DoctorBookingProfile } from '@clinic/contracts';
import { misfitOf } from '@clinic/scheduling';

/** An appointment as a refused (or cancelling) calendar change lists it: when, and whose. */
export function affectedAppointment(
  appointment: Pick<Appointment, 'id' | 'start_time' | 'end_time' | 'patient_name'>,
): AffectedAppointment {
  return {
    id: appointment.id,
    start_time: appointment.start_time,
    end_time: appointment.end_time,
    patient_name: appointment.patient_name,
  };
}

/**
 * The appointments that lost their place in the doctor's calendar as it is now: on a day off, or no
 * longer covered by working hours (misfitOf of @clinic/scheduling). Appointments stay where they are
 * when only the slot grid or the booking horizon would refuse them as new bookings.
 */
export function appointmentsNotFitting<A extends Pick<Appointment, 'start_time' | 'end_time'>>(
  appointments: readonly A[],
  profile: Pick<DoctorBookingProfile, 'schedule' | 'time_off' | 'time_zone'>,
): A[] {
  return appointments.filter(
    (appointment) =>
      misfitOf({
        start: new Date(appointment.start_time),
        end: new Date(appointment.end_time),
        timeZone: profile.time_zone,
        schedule: profile.schedule,
        timeOff: profile.time_off,
      }) !== undefined,
  );
}

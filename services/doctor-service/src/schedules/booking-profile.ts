import { notFound, type Pool } from '@clinic/service-kit';
import type { DoctorBookingProfile } from '@clinic/contracts';
import { doctorsRepository as doctors } from '../doctors/index.ts';
import { bookableVisitTypes } from '../visit-types/index.ts';
import { schedulesRepository as schedules } from './repository.ts';
import type { ClinicCalendar } from './clinic-calendar.ts';

/** What appointment-service's booking worker decides a doctor's bookings with. */
export async function bookingProfile(pool: Pool, clinic: ClinicCalendar, doctorId: string): Promise<DoctorBookingProfile> {
  // Both at once: the booking worker waits for this answer before deciding its batch. Read from
  // the database every time, never from the kept calendars: a booking is not decided on a calendar a moment old.
  const [doctor, { schedule, timeOff }, visitTypes] = await Promise.all([
    doctors.find(pool, doctorId),
    schedules.calendar(pool, doctorId, clinic.timeZone),
    bookableVisitTypes(pool, doctorId),
  ]);
  if (!doctor) throw notFound('Doctor');
  return {
    doctor: {
      id: doctor.id,
      user_id: doctor.user_id,
      full_name: doctor.full_name,
      email: doctor.email,
      specialization: doctor.specialization,
      cabinet: doctor.cabinet,
    },
    schedule,
    time_off: timeOff,
    time_zone: clinic.timeZone,
    horizon_days: clinic.horizonDays,
    visit_types: visitTypes ?? [],
  };
}

import { notFound, type Pool } from '@clinic/service-kit';
import type { DoctorBookingProfile } from '@clinic/contracts';
import { doctorsRepository as doctors } from '../doctors/index.ts';
import { bookableVisitTypes } from '../visit-types/index.ts';
import { schedulesRepository as schedules } from './repository.ts';
import { limitsInForce, type ClinicCalendar } from './clinic-calendar.ts';

/** What appointment-service's booking worker decides a doctor's bookings with. */
export async function bookingProfile(pool: Pool, clinic: ClinicCalendar, doctorId: string): Promise<DoctorBookingProfile> {
  // Both at once: the booking worker waits for this answer before deciding its batch. Read from
  // the database every time, never from the kept calendars: a booking is not decided on a calendar a moment old
  // (appointment-service keeps this answer only until an announcement it catches up with before each batch).
  const [doctor, { schedule, timeOff, own, closedDays }, visitTypes] = await Promise.all([
    doctors.find(pool, doctorId),
    schedules.calendar(pool, doctorId, clinic.timeZone),
    bookableVisitTypes(pool, doctorId),
  ]);
  if (!doctor) throw notFound('Doctor');
  const limits = limitsInForce(clinic, own);
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
    min_notice_minutes: limits.minNoticeMinutes,
    buffer_minutes: limits.bufferMinutes,
    closed_days: closedDays.map((day) => ({ date: day.date, name: day.name_en })),
    visit_types: visitTypes ?? [],
  };
}

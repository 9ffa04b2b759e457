import type { Pool } from '@clinic/service-kit';
import type { BookingGateway } from '../booking/index.ts';
import type { DoctorDirectory, PatientDirectory } from '../directories/index.ts';
import { bookingUseCases } from './booking-use-cases.ts';
import type { ChangeRules } from './guards.ts';
import { queryUseCases, reminderUseCases } from './query-use-cases.ts';
import { statusUseCases } from './status-use-cases.ts';

/** Every use case of the appointments, from the smaller sets each file holds. */
export function appointmentUseCases(
  pool: Pool,
  bookings: BookingGateway,
  onChange: () => void,
  rules: ChangeRules,
  patients: PatientDirectory,
  doctors: Pick<DoctorDirectory, 'bookingProfile' | 'bookingRules'>,
) {
  return {
    ...bookingUseCases(pool, bookings, onChange, rules, patients, doctors),
    ...statusUseCases(pool, onChange, rules),
    ...queryUseCases(pool, rules, () => doctors.bookingRules()),
    ...reminderUseCases(pool, onChange),
  };
}

export type AppointmentUseCases = ReturnType<typeof appointmentUseCases>;

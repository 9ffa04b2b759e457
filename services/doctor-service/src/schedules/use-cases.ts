import type { Logger, Pool } from '@clinic/service-kit';
import type { DoctorBookingProfile } from '@clinic/contracts';
import type { AppointmentChecks } from '../appointments/index.ts';
import { bookingProfile } from './booking-profile.ts';
import type { ClinicCalendar } from './clinic-calendar.ts';
import { scheduleEntryUseCases, type ScheduleEntryUseCases } from './schedule-entries.ts';
import { timeOffUseCases, type TimeOffUseCases } from './time-off.ts';

export interface ScheduleUseCases extends ScheduleEntryUseCases, TimeOffUseCases {
  bookingProfile(doctorId: string): Promise<DoctorBookingProfile>;
}

export function scheduleUseCases(pool: Pool, checks: AppointmentChecks, clinic: ClinicCalendar, logger: Logger): ScheduleUseCases {
  const deps = { pool, checks, logger };
  return {
    ...scheduleEntryUseCases({ ...deps, clinic }),
    ...timeOffUseCases(deps),
    bookingProfile: (doctorId) => bookingProfile(pool, clinic, doctorId),
  };
}

import { notFound, type Pool } from '@clinic/service-kit';
import type { DoctorBookingLimits, UpdateDoctorBookingLimitsRequest } from '@clinic/contracts';
import { doctorsRepository as doctors, type OwnBookingLimits } from './repository.ts';

export interface BookingLimitsUseCases {
  get(doctorId: string): Promise<DoctorBookingLimits>;
  set(doctorId: string, limits: UpdateDoctorBookingLimitsRequest): Promise<DoctorBookingLimits>;
}

/** A doctor's own minimum notice and buffer after each appointment, over the clinic's `defaults`. */
export function bookingLimitsUseCases(pool: Pool, defaults: { minNoticeMinutes: number; bufferMinutes: number }): BookingLimitsUseCases {
  const view = (own: OwnBookingLimits | undefined): DoctorBookingLimits => {
    if (!own) throw notFound('Doctor');
    return {
      ...own,
      effective: {
        min_notice_minutes: own.min_notice_minutes ?? defaults.minNoticeMinutes,
        buffer_minutes: own.buffer_minutes ?? defaults.bufferMinutes,
      },
    };
  };
  return {
    get: async (doctorId) => view(await doctors.bookingLimits(pool, doctorId)),
    set: async (doctorId, limits) => view(await doctors.setBookingLimits(pool, doctorId, limits)),
  };
}

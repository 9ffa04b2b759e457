import { callService, forwardError } from '@clinic/service-kit';
import type { BookingRules, DoctorBookingProfile } from '@clinic/contracts';

export interface Cabinet {
  id: string;
  name: string;
  location: string;
  floor: number;
}

/** doctor-service as the booking worker sees it: a doctor's schedule, time off and names. */
export function doctorDirectory(baseUrl: string, serviceToken: () => Promise<string>) {
  return {
    /** Undefined when doctor-service does not know the doctor. */
    async bookingProfile(doctorId: string): Promise<DoctorBookingProfile | undefined> {
      const answer = await callService<DoctorBookingProfile>(`${baseUrl}/internal/doctors/${doctorId}/booking-profile`, {
        token: await serviceToken(),
      });
      if (answer.status === 404) return undefined;
      if (answer.status !== 200) forwardError(answer);
      return answer.body;
    },

    /** The clinic's minimum notice, buffer and closed days, as doctor-service keeps them. */
    async bookingRules(): Promise<BookingRules> {
      const answer = await callService<BookingRules>(`${baseUrl}/doctors/booking-rules`);
      if (answer.status !== 200) forwardError(answer);
      return answer.body;
    },

    async cabinet(cabinetId: string): Promise<Cabinet | undefined> {
      const answer = await callService<Cabinet>(`${baseUrl}/cabinets/${cabinetId}`);
      if (answer.status === 404) return undefined;
      if (answer.status !== 200) forwardError(answer);
      return answer.body;
    },
  };
}

export type DoctorDirectory = ReturnType<typeof doctorDirectory>;

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export interface ClosedDay {
  date: string;
  name_ro: string;
  name_en: string;
}

export interface DoctorBookingLimits {
  min_notice_minutes: number | null;
  buffer_minutes: number | null;
  effective: { min_notice_minutes: number; buffer_minutes: number };
}

/** The clinic's closed days from today on. */
export const useClosedDays = () =>
  useQuery({
    queryKey: ['closed-days'],
    queryFn: () => api<{ items: ClosedDay[] }>('/doctors/closed-days').then((answer) => answer.items),
  });

/** Adding and removing closed days; free times change with them. */
export function useClosedDayChanges() {
  const client = useQueryClient();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['closed-days'] });
    void client.invalidateQueries({ queryKey: ['availability'] });
  };
  return {
    add: useMutation({
      mutationFn: (day: ClosedDay) => api<ClosedDay>('/doctors/closed-days', { method: 'POST', body: day }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (date: string) => api(`/doctors/closed-days/${date}`, { method: 'DELETE' }),
      onSuccess: refresh,
    }),
  };
}

export const useDoctorBookingLimits = (doctorId: string) =>
  useQuery({ queryKey: ['booking-limits', doctorId], queryFn: () => api<DoctorBookingLimits>(`/doctors/${doctorId}/booking-limits`) });

export function useSetDoctorBookingLimits(doctorId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Pick<DoctorBookingLimits, 'min_notice_minutes' | 'buffer_minutes'>) =>
      api<DoctorBookingLimits>(`/doctors/${doctorId}/booking-limits`, { method: 'PUT', body }),
    onSuccess: (limits) => {
      client.setQueryData(['booking-limits', doctorId], limits);
      void client.invalidateQueries({ queryKey: ['availability'] });
    },
  });
}

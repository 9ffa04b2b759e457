import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages, api, query, type Page } from '../../../lib/api.ts';
import type { Appointment, AppointmentRules, AppointmentStatus } from '../../../lib/types.ts';

export const useMyAppointments = () =>
  useQuery({ queryKey: ['appointments', 'my'], queryFn: () => api<Appointment[]>('/appointments/my') });

export const useMyHistory = () =>
  useQuery({ queryKey: ['appointments', 'my', 'history'], queryFn: () => api<Appointment[]>('/appointments/my/history') });

export interface AppointmentFilter {
  status?: AppointmentStatus | '';
  doctorId?: string;
  /** Instants (ISO). */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** The staff listing: a doctor gets their own appointments, an admin everyone's. */
export function useAppointments(filter: AppointmentFilter) {
  return useQuery({
    queryKey: ['appointments', 'list', filter],
    queryFn: () =>
      api<Page<Appointment>>(
        `/appointments${query({
          status: filter.status || undefined,
          doctor_id: filter.doctorId,
          date_from: filter.from,
          date_to: filter.to,
          limit: filter.limit,
          offset: filter.offset,
        })}`,
      ),
  });
}

/** Every appointment of a period, however many pages the API answers them in (a doctor's busy week). */
export function useAllAppointments(period: { from: string; to: string }) {
  return useQuery({
    queryKey: ['appointments', 'all', period],
    queryFn: () => allPages<Appointment>('/appointments', { date_from: period.from, date_to: period.to }),
  });
}

function useAppointmentChange<T>(request: (value: T) => Promise<Appointment>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['appointments'] });
      void client.invalidateQueries({ queryKey: ['availability'] });
    },
  });
}

const change = (action: 'confirm' | 'no-show') => (id: string) => api<Appointment>(`/appointments/${id}/${action}`, { method: 'PUT' });

/** A reason is told to the patient; staff give one inside the patient cut-off (400 REASON_REQUIRED otherwise). */
export const useCancelAppointment = () =>
  useAppointmentChange(({ id, reason }: { id: string; reason?: string }) =>
    api<Appointment>(`/appointments/${id}/cancel`, { method: 'PUT', body: reason ? { reason } : {} }),
  );
export const useConfirmAppointment = () => useAppointmentChange(change('confirm'));
export const useMarkNoShow = () => useAppointmentChange(change('no-show'));

export const pdfLink = (id: string) => api<{ url: string; expires_at: string }>(`/appointments/${id}/pdf`);

/** Upcoming first by time; history latest first. */
export const byStart = (a: Appointment, b: Appointment) => Date.parse(a.start_time) - Date.parse(b.start_time);

/** The clinic's change cut-off; the same for everyone, so read once a session. */
export const useAppointmentRules = () =>
  useQuery({ queryKey: ['appointment-rules'], queryFn: () => api<AppointmentRules>('/appointments/rules'), staleTime: Infinity });

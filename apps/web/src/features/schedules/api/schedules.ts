import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages, api, query } from '../../../lib/api.ts';
import type { ScheduleEntry, TimeOff } from '../../../lib/types.ts';

export const useSchedule = (doctorId: string) =>
  useQuery({
    queryKey: ['schedule', doctorId],
    queryFn: () => api<{ time_zone: string; entries: ScheduleEntry[] }>(`/doctors/${doctorId}/schedule`),
  });

export const useTimeOff = (doctorId: string) =>
  useQuery({ queryKey: ['time-off', doctorId], queryFn: () => allPages<TimeOff>(`/doctors/${doctorId}/time-off`) });

function useCalendarChange<T>(doctorId: string, request: (value: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['schedule', doctorId] });
      void client.invalidateQueries({ queryKey: ['time-off', doctorId] });
      void client.invalidateQueries({ queryKey: ['availability', doctorId] });
      // Appointments may have been cancelled with the change.
      void client.invalidateQueries({ queryKey: ['appointments'] });
    },
  });
}

export interface NewScheduleEntry {
  weekday: number;
  start_time: string;
  end_time: string;
  slot_minutes: number;
}

export const useAddScheduleEntry = (doctorId: string) =>
  useCalendarChange(doctorId, (entry: NewScheduleEntry) => api(`/doctors/${doctorId}/schedule`, { method: 'POST', body: entry }));

/**
 * Asked for after a 409 SCHEDULE_HAS_APPOINTMENTS: the appointments the change leaves without a time
 * are cancelled, each patient told `reason`.
 */
export interface CancelAppointments {
  reason: string;
}

export const useRemoveScheduleEntry = (doctorId: string) =>
  useCalendarChange(doctorId, ({ entryId, cancel }: { entryId: string; cancel?: CancelAppointments }) =>
    api(
      `/doctors/${doctorId}/schedule/${entryId}${cancel ? query({ cancel_appointments: 'true', cancellation_reason: cancel.reason }) : ''}`,
      { method: 'DELETE' },
    ),
  );

export const useAddTimeOff = (doctorId: string) =>
  useCalendarChange(doctorId, ({ timeOff, cancel }: { timeOff: Omit<TimeOff, 'id' | 'doctor_id'>; cancel?: CancelAppointments }) =>
    api(`/doctors/${doctorId}/time-off`, {
      method: 'POST',
      body: cancel ? { ...timeOff, cancel_appointments: true, cancellation_reason: cancel.reason } : timeOff,
    }),
  );

export const useRemoveTimeOff = (doctorId: string) =>
  useCalendarChange(doctorId, (timeOffId: string) => api(`/doctors/${doctorId}/time-off/${timeOffId}`, { method: 'DELETE' }));

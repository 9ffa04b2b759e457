import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages, api } from '../../../lib/api.ts';
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

export const useRemoveScheduleEntry = (doctorId: string) =>
  useCalendarChange(doctorId, (entryId: string) => api(`/doctors/${doctorId}/schedule/${entryId}`, { method: 'DELETE' }));

export const useAddTimeOff = (doctorId: string) =>
  useCalendarChange(doctorId, (timeOff: Omit<TimeOff, 'id' | 'doctor_id'>) =>
    api(`/doctors/${doctorId}/time-off`, { method: 'POST', body: timeOff }),
  );

export const useRemoveTimeOff = (doctorId: string) =>
  useCalendarChange(doctorId, (timeOffId: string) => api(`/doctors/${doctorId}/time-off/${timeOffId}`, { method: 'DELETE' }));

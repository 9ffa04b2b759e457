import { useQueries } from '@tanstack/react-query';
import { allPages, api } from '../../../lib/api.ts';
import type { ScheduleEntry, TimeOff } from '../../../lib/types.ts';

/** A doctor's weekly hours and days off: what a calendar shades. */
export interface DoctorFrame {
  entries: ScheduleEntry[];
  timeOff: TimeOff[];
}

/**
 * The schedule and time off of each doctor (the same queries the schedule editors use, so a change
 * there redraws the calendar); `frames` is undefined until all have arrived.
 */
export function useDoctorFrames(doctorIds: readonly string[]) {
  const results = useQueries({
    queries: doctorIds.flatMap((id) => [
      {
        queryKey: ['schedule', id],
        queryFn: () => api<{ time_zone: string; entries: ScheduleEntry[] }>(`/doctors/${id}/schedule`),
      },
      { queryKey: ['time-off', id], queryFn: () => allPages<TimeOff>(`/doctors/${id}/time-off`) },
    ]),
  });
  const error = results.find((result) => result.isError)?.error;
  if (results.some((result) => !result.data)) return { frames: undefined, error };
  const frames = new Map<string, DoctorFrame>(
    doctorIds.map((id, i) => [
      id,
      {
        entries: (results[2 * i]!.data as { entries: ScheduleEntry[] }).entries,
        timeOff: results[2 * i + 1]!.data as TimeOff[],
      },
    ]),
  );
  return { frames, error };
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { allPages, api, query } from '../../../lib/api.ts';
import type { Availability, Cabinet, Doctor, Specialization } from '../../../lib/types.ts';

export interface DoctorFilter {
  specializationId?: string;
  cabinetId?: string;
}

export const doctorsKey = (filter: DoctorFilter = {}) => ['doctors', filter] as const;

export function useDoctors(filter: DoctorFilter = {}) {
  return useQuery({
    queryKey: doctorsKey(filter),
    queryFn: () => allPages<Doctor>('/doctors', { specialization_id: filter.specializationId, cabinet_id: filter.cabinetId }),
    placeholderData: keepPreviousData,
  });
}

export function useDoctor(id: string) {
  return useQuery({ queryKey: ['doctor', id], queryFn: () => api<Doctor>(`/doctors/${id}`) });
}

export const useSpecializations = () =>
  useQuery({ queryKey: ['specializations'], queryFn: () => allPages<Specialization>('/specializations'), staleTime: 60_000 });

export const useCabinets = () => useQuery({ queryKey: ['cabinets'], queryFn: () => allPages<Cabinet>('/cabinets'), staleTime: 60_000 });

export const availabilityKey = (doctorId: string, from: string, days: number, visitTypeId?: string) =>
  ['availability', doctorId, from, days, ...(visitTypeId ? [visitTypeId] : [])] as const;

/** The free times of `days` dates; with a visit type, times of its length. */
export const fetchAvailability = (doctorId: string, from: string, days: number, visitTypeId?: string) =>
  api<Availability>(`/doctors/${doctorId}/availability${query({ from, days, visit_type_id: visitTypeId })}`);

export function useAvailability(doctorId: string, from: string, days = 7, visitTypeId?: string, enabled = true) {
  return useQuery({
    queryKey: availabilityKey(doctorId, from, days, visitTypeId),
    queryFn: () => fetchAvailability(doctorId, from, days, visitTypeId),
    enabled,
    // Another week of the same visit type shows the previous one meanwhile; another visit type's times never
    // stand in for this one's (their lengths differ).
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[4] === visitTypeId ? keepPreviousData(previous) : undefined),
    staleTime: 15_000,
  });
}

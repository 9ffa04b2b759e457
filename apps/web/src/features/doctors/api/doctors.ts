import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, query, type Page } from '../../../lib/api.ts';
import type { Availability, Cabinet, Doctor, Specialization } from '../../../lib/types.ts';

/** Every item of a paged list (the catalogue is small: a clinic has tens of doctors, not thousands). */
export async function allPages<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await api<Page<T>>(`${path}${query({ ...params, limit: 100, offset })}`);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

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

export const availabilityKey = (doctorId: string, from: string, days: number) => ['availability', doctorId, from, days] as const;

export const fetchAvailability = (doctorId: string, from: string, days: number) =>
  api<Availability>(`/doctors/${doctorId}/availability${query({ from, days })}`);

export function useAvailability(doctorId: string, from: string, days = 7) {
  return useQuery({
    queryKey: availabilityKey(doctorId, from, days),
    queryFn: () => fetchAvailability(doctorId, from, days),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

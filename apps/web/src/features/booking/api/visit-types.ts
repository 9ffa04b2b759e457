import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { VisitType } from '../../../lib/types.ts';

export interface VisitTypeList {
  items: VisitType[];
  source?: 'DOCTOR' | 'SPECIALIZATION';
}

/** The visit types a doctor offers the caller: online ones to patients, every active one to staff. */
export const useVisitTypes = (doctorId: string) =>
  useQuery({
    queryKey: ['visit-types', 'doctor', doctorId],
    queryFn: () => api<VisitTypeList>(`/doctors/${doctorId}/visit-types`),
    staleTime: 60_000,
  });

/** A name in the app's language: the English one in English, where there is one. */
export const visitTypeName = (visitType: Pick<VisitType, 'name_ro' | 'name_en'>, language: string) =>
  language.startsWith('en') ? visitType.name_en : visitType.name_ro;

/** An appointment's visit type in the app's language, or undefined when it was booked without one. */
export function appointmentVisitType(
  appointment: { visit_type_name_ro?: string | null; visit_type_name_en?: string | null },
  language: string,
): string | undefined {
  const name = language.startsWith('en') ? appointment.visit_type_name_en : appointment.visit_type_name_ro;
  return name ?? undefined;
}

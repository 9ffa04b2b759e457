import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Appointment, AppointmentStatus, Language, Slot } from '../../../lib/types.ts';

export type LinkAction = 'VIEW' | 'RESCHEDULE' | 'CANCEL';

/** GET /appointments/links/{token}: the appointment an emailed link opens, and what it allows now. */
export interface AppointmentByLink {
  appointment: {
    id: string;
    doctor_id: string;
    doctor_name: string;
    specialization_name: string;
    patient_name: string;
    cabinet_name: string;
    cabinet_location: string;
    cabinet_floor: number;
    start_time: string;
    end_time: string;
    status: AppointmentStatus;
    visit_type_id: string | null;
    visit_type_name_ro: string | null;
    visit_type_name_en: string | null;
    family_member_name: string | null;
  };
  actions: LinkAction[];
  language: Language;
  link_expires_at: string;
  pdf_ready: boolean;
  patient_change_cutoff_hours: number;
}

const linkPath = (token: string) => `/appointments/links/${encodeURIComponent(token)}`;
const linkKey = (token: string) => ['email-link', token] as const;

/** Where the link's PDF is served (the gateway streams it; no login). */
export const pdfHref = (token: string) => `/api${linkPath(token)}/pdf`;

export const useAppointmentByLink = (token: string) =>
  useQuery({ queryKey: linkKey(token), queryFn: () => api<AppointmentByLink>(linkPath(token)) });

export function useCancelByLink(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<Appointment>(`${linkPath(token)}/cancel`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: linkKey(token) }),
  });
}

export function useRescheduleByLink(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ slot, idempotencyKey }: { slot: Slot; idempotencyKey: string }) =>
      api<Appointment>(`${linkPath(token)}/reschedule`, {
        method: 'POST',
        headers: { 'idempotency-key': idempotencyKey },
        body: { start_time: slot.start, end_time: slot.end },
      }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['availability'] });
      void client.invalidateQueries({ queryKey: linkKey(token) });
    },
  });
}

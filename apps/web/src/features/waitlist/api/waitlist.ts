import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { WaitlistEntry } from '../../../lib/types.ts';

export const useMyWaitlist = () => useQuery({ queryKey: ['waitlist', 'my'], queryFn: () => api<WaitlistEntry[]>('/waitlist/my') });

export interface WaitlistRequest {
  doctorId: string;
  /** Calendar days in the clinic's zone, both included. */
  from: string;
  to: string;
}

export function useJoinWaitlist() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ doctorId, from, to }: WaitlistRequest) =>
      api<WaitlistEntry>('/waitlist', { method: 'POST', body: { doctor_id: doctorId, date_from: from, date_to: to } }),
    onSettled: () => void client.invalidateQueries({ queryKey: ['waitlist'] }),
  });
}

export function useLeaveWaitlist() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/waitlist/${id}`, { method: 'DELETE' }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['waitlist'] });
      // A time held for the entry goes back to the others.
      void client.invalidateQueries({ queryKey: ['availability'] });
    },
  });
}

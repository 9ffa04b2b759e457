import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../../lib/api.ts';
import type { Appointment, WaitlistEntry } from '../../../lib/types.ts';

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

/** A doctor's waiters in the order they are told, with the time held for each now (staff). */
export const useDoctorWaitlist = (doctorId: string) =>
  useQuery({
    queryKey: ['waitlist', 'doctor', doctorId],
    queryFn: () => api<Page<WaitlistEntry>>(`/waitlist?doctor_id=${encodeURIComponent(doctorId)}&limit=100`),
  });

/** The front desk puts a caller on a doctor's waitlist, with the limits of the patient's own entries. */
export function useAddCallerToWaitlist() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ doctorId, from, to, patientId }: WaitlistRequest & { patientId: string }) =>
      api<WaitlistEntry>('/waitlist', {
        method: 'POST',
        body: { doctor_id: doctorId, date_from: from, date_to: to, patient_id: patientId },
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: ['waitlist'] }),
  });
}

export interface HoldOverride {
  doctorId: string;
  patientId: string;
  time: { start_time: string; end_time: string };
  reason: string;
  idempotencyKey: string;
}

/** The front desk books a time held for a waiting patient, saying why: the hold ends, the waiter waits on. */
export function useBookOverHold() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ doctorId, patientId, time, reason, idempotencyKey }: HoldOverride) =>
      api<Appointment>('/appointments', {
        method: 'POST',
        headers: { 'idempotency-key': idempotencyKey },
        body: { doctor_id: doctorId, ...time, patient_id: patientId, override_hold_reason: reason },
      }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['waitlist'] });
      void client.invalidateQueries({ queryKey: ['appointments'] });
      void client.invalidateQueries({ queryKey: ['availability'] });
    },
  });
}

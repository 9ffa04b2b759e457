import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Appointment, Slot } from '../../../lib/types.ts';

export interface BookingRequest {
  doctorId: string;
  slot: Slot;
  /** The same key for every retry of one booking: the server books once and replays its answer. */
  idempotencyKey: string;
  /** Whom it is for when the front desk (an admin) books; a patient books for themselves. */
  patientId?: string;
  /** For one of the account's family members: the appointment is theirs. */
  familyMemberId?: string;
  /** Why the patient comes (trimmed; none when blank). */
  reason?: string;
  /** The visit type chosen: the slot then lasts its duration. */
  visitTypeId?: string;
}

export function useBook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ doctorId, slot, idempotencyKey, patientId, familyMemberId, reason, visitTypeId }: BookingRequest) =>
      api<Appointment>('/appointments', {
        method: 'POST',
        headers: { 'idempotency-key': idempotencyKey },
        body: {
          doctor_id: doctorId,
          start_time: slot.start,
          end_time: slot.end,
          ...(patientId ? { patient_id: patientId } : {}),
          ...(familyMemberId ? { family_member_id: familyMemberId } : {}),
          ...(reason ? { reason } : {}),
          ...(visitTypeId ? { visit_type_id: visitTypeId } : {}),
        },
      }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['availability'] });
      void client.invalidateQueries({ queryKey: ['appointments'] });
      // Booking a time held for the patient uses up their waitlist entry.
      void client.invalidateQueries({ queryKey: ['waitlist'] });
    },
  });
}

export interface RescheduleRequest {
  appointmentId: string;
  slot: Slot;
  idempotencyKey: string;
  /** Why the clinic moves it (told to the patient); required from staff inside the patient cut-off. */
  reason?: string;
}

export function useReschedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ appointmentId, slot, idempotencyKey, reason }: RescheduleRequest) =>
      api<Appointment>(`/appointments/${appointmentId}`, {
        method: 'PUT',
        headers: { 'idempotency-key': idempotencyKey },
        body: { start_time: slot.start, end_time: slot.end, ...(reason ? { reason } : {}) },
      }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['availability'] });
      void client.invalidateQueries({ queryKey: ['appointments'] });
    },
  });
}

const GONE_TIME = new Set([
  'SLOT_TAKEN',
  // Held for a patient on the waitlist for a few minutes.
  'SLOT_HELD',
  'PATIENT_BUSY',
  // The time stopped being bookable while the page was open: it passed, or the doctor's calendar changed.
  'IN_PAST',
  'TIME_OFF',
  'OUTSIDE_SCHEDULE',
  'MISALIGNED',
  'BEYOND_HORIZON',
  // The clinic closed that day, the time came inside the doctor's notice, or one booked next to it left no buffer.
  'CLOSED',
  'TOO_SOON',
  'TOO_CLOSE',
]);

/** Answers that mean "this time is gone, pick another": the dialog then offers the nearest free ones. */
export const isTakenTime = (code: string | undefined) => code !== undefined && GONE_TIME.has(code);

import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Appointment } from '../../../lib/types.ts';

/** How it was booked: the patient online, the front desk for them, or the patient taking a time the waitlist held. */
export type BookedVia = 'ONLINE' | 'FRONT_DESK' | 'WAITLIST_OFFER';

export type TimelineKind =
  | 'BOOKED'
  | 'HOLD_OVERRIDDEN'
  | 'RESCHEDULED'
  | 'CONFIRMED'
  | 'CANCELLED'
  | 'NO_SHOW'
  | 'EXPIRED'
  | 'PDF_GENERATED'
  | 'REMINDER_DUE'
  | 'EMAIL';

export type EmailStatus = 'PENDING' | 'RETRYING' | 'SENT' | 'FAILED';

/** One step of an appointment's story (GET /appointments/{id}/timeline); only its kind's fields are present. */
export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  actor: { id: string; name: string | null; role: 'PATIENT' | 'DOCTOR' | 'ADMIN' } | null;
  booked_via?: BookedVia;
  reason?: string;
  start_time?: string;
  end_time?: string;
  previous_start_time?: string;
  previous_end_time?: string;
  pdf_version?: number;
  held_for_patient_id?: string;
  email?: { notification_id: string; type: string; recipient_email: string; subject: string; status: EmailStatus; sent_at: string | null };
}

export interface AppointmentTimeline {
  appointment_id: string;
  /** False when the emails could not be read just now. */
  emails_known: boolean;
  entries: TimelineEntry[];
}

export const useTimeline = (id: string) =>
  useQuery({ queryKey: ['appointments', id, 'timeline'], queryFn: () => api<AppointmentTimeline>(`/appointments/${id}/timeline`) });

export const useAppointment = (id: string) =>
  useQuery({ queryKey: ['appointments', id], queryFn: () => api<Appointment>(`/appointments/${id}`) });

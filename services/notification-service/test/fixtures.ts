import type { Appointment, AppointmentEvent, StoredAppointmentEvent } from '@clinic/contracts';
import type { ClinicInfo } from '../src/messages/index.ts';

export const clinic: ClinicInfo = { name: 'Clinica Sănătatea', publicUrl: 'https://clinica.example', timeZone: 'Europe/Bucharest' };

export function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: '5d0c3c56-9a5e-4a8e-8f4e-2a8b8b1c0a01',
    patient_id: '11111111-1111-4111-8111-111111111111',
    doctor_id: '22222222-2222-4222-8222-222222222222',
    doctor_user_id: '33333333-3333-4333-8333-333333333333',
    cabinet_id: '44444444-4444-4444-8444-444444444444',
    start_time: '2026-12-03T07:30:00.000Z',
    end_time: '2026-12-03T08:00:00.000Z',
    status: 'PENDING',
    patient_name: 'Ștefan Țăranu',
    patient_email: 'stefan@example.com',
    doctor_name: 'Dr. Ana Ionescu',
    doctor_email: 'ana@example.com',
    specialization_name: 'Cardiologie',
    cabinet_name: 'Cabinet 2',
    cabinet_location: 'Aripa A',
    cabinet_floor: 1,
    pdf_object_key: null,
    created_at: '2026-11-28T10:00:00.000Z',
    updated_at: '2026-11-28T10:00:00.000Z',
    ...overrides,
  };
}

export function event(
  type: AppointmentEvent['type'],
  id: string,
  a: Appointment = appointment(),
  extra: Partial<AppointmentEvent> = {},
): AppointmentEvent {
  return { id, type, occurredAt: a.updated_at, appointmentId: a.id, appointment: a, ...extra };
}

export const stored = (e: AppointmentEvent): StoredAppointmentEvent => ({
  id: e.id,
  appointment_id: e.appointmentId,
  type: e.type,
  payload: e,
  created_at: e.occurredAt,
  is_processed: false,
  processed_at: null,
});

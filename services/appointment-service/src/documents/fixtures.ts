// The appointment the tests of the PDFs render and the timeline's tests start from.
import type { Appointment } from '@clinic/contracts';

/** A confirmed appointment of Maria Ionescu with Andrei Popescu; tests override what they check. */
export const appointment: Appointment = {
  id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  patient_id: '11111111-1111-4111-8111-111111111111',
  doctor_id: '22222222-2222-4222-8222-222222222222',
  doctor_user_id: '33333333-3333-4333-8333-333333333333',
  cabinet_id: '44444444-4444-4444-8444-444444444444',
  // The Monday after Romania moved to summer time (29 March 2026): 06:00 UTC is 09:00 there.
  start_time: '2026-03-30T06:00:00.000Z',
  end_time: '2026-03-30T06:30:00.000Z',
  status: 'CONFIRMED',
  patient_name: 'Maria Ionescu',
  patient_email: 'maria@example.test',
  doctor_name: 'Andrei Popescu',
  doctor_email: 'andrei@example.test',
  specialization_name: 'Cardiology',
  cabinet_name: 'Cabinet 3',
  cabinet_location: 'East wing',
  cabinet_floor: 2,
  pdf_object_key: null,
  created_at: '2026-03-01T10:00:00.000Z',
  updated_at: '2026-03-01T10:00:00.000Z',
};

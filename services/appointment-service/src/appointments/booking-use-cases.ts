import { forbidden, type Pool, type Principal } from '@clinic/service-kit';
import type { BookingAnswer, CreateAppointmentRequest, RescheduleAppointmentRequest } from '@clinic/contracts';
import type { BookingGateway } from '../booking/index.ts';
import type { DoctorDirectory, PatientDirectory } from '../directories/index.ts';
import { requireChangeable, requireEndAfterStart, requireReason, visibleAppointment, type ChangeRules } from './guards.ts';
import { bookingRequestParts } from './booking-request.ts';
import { canReschedule, rescheduleFieldRefusal, transitionAllowed } from './rules.ts';

/** Whether the answer changed an appointment (its event waits in the outbox). */
const changedAnAppointment = (answer: BookingAnswer) => answer.result === 'BOOKED' || answer.result === 'RESCHEDULED';

/** Booking and moving appointments: commands through the booking queue, decided by the booking worker. */
export function bookingUseCases(
  pool: Pool,
  bookings: BookingGateway,
  onChange: () => void,
  rules: ChangeRules,
  patients: PatientDirectory,
  doctors: Pick<DoctorDirectory, 'bookingProfile'>,
) {
  const { patientOf, familyMemberOf, intervalOf } = bookingRequestParts(patients, doctors);

  return {
    /**
     * The booking worker's answer (booking/outcomes.ts makes the HTTP answer of it). A patient books for
     * themselves; an admin (the front desk) for the patient named, through the same queue. The
     * appointment records who booked it.
     */
    async book(principal: Principal, idempotencyKey: string | undefined, request: CreateAppointmentRequest): Promise<BookingAnswer> {
      if (request.end_time !== undefined) requireEndAfterStart({ start_time: request.start_time, end_time: request.end_time });
      const { patient_id: patientId, family_member_id: memberId, reason, override_hold_reason: overrideHoldReason, ...interval } = request;
      const patient = await patientOf(principal, patientId);
      if (overrideHoldReason !== undefined && patient.id === principal.id) {
        throw forbidden('Only the front desk (an admin booking for a patient) may book a time held for someone else');
      }
      const forWhom = await familyMemberOf(patient.id, memberId);
      const times = await intervalOf(request, { bookedBy: principal.id, patientId: patient.id });
      const answer = await bookings.submit(principal.id, idempotencyKey, {
        kind: 'BOOK',
        patient,
        booked_by: principal.id,
        ...interval,
        ...times,
        ...forWhom,
        ...(reason?.trim() ? { reason: reason.trim() } : {}),
        ...(overrideHoldReason !== undefined ? { override_hold_reason: overrideHoldReason } : {}),
      });
      if (changedAnAppointment(answer)) onChange();
      return answer;
    },

    /** The booking worker's answer (booking/outcomes.ts makes the HTTP answer of it). */
    async reschedule(
      principal: Principal,
      id: string,
      idempotencyKey: string | undefined,
      request: RescheduleAppointmentRequest,
    ): Promise<BookingAnswer> {
      const current = await visibleAppointment(pool, principal, id);
      if (!canReschedule(principal, current)) throw forbidden('Only the appointment’s patient, its doctor or an admin may reschedule it');
      const fieldRefusal = rescheduleFieldRefusal(principal, current, request);
      if (fieldRefusal) throw forbidden(fieldRefusal);
      requireEndAfterStart(request);
      // Checked before the queue: the worker moves only PENDING appointments, so a patient's move
      // racing another change of the same appointment is still decided there.
      if (transitionAllowed('RESCHEDULE', current.status)) {
        requireChangeable(principal, current, rules);
        requireReason(principal, current, request.reason, rules);
      }
      const answer = await bookings.submit(principal.id, idempotencyKey, {
        kind: 'RESCHEDULE',
        appointment_id: id,
        ...request,
        requested_by: principal.id,
      });
      if (changedAnAppointment(answer)) onChange();
      return answer;
    },
  };
}

import { AppError, badRequest, forbidden, type Pool, type Principal } from '@clinic/service-kit';
import type { BookingAnswer, CreateAppointmentRequest, RescheduleAppointmentRequest } from '@clinic/contracts';
import type { BookingGateway } from '../booking/index.ts';
import type { DoctorDirectory, PatientDirectory } from '../directories/index.ts';
import {
  requireChangeable,
  requireEndAfterStart,
  requireReason,
  requireVerifiedEmail,
  visibleAppointment,
  type ChangeRules,
} from './guards.ts';
import { bookingFor, canReschedule, rescheduleFieldRefusal, transitionAllowed } from './rules.ts';
import { requestedInterval, visitTypeRefusal } from './visit-type-rules.ts';

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
  /**
   * Who a booking is for, as the booking command names them: the caller (a patient), or the patient an
   * admin at the front desk books for, with their name and address as user-service has them.
   */
  async function patientOf(principal: Principal, patientId: string | undefined) {
    const whom = bookingFor(principal, patientId);
    if (whom === 'FORBIDDEN') throw forbidden('A patient books for themselves; only an admin books for another patient');
    if (whom === 'PATIENT_REQUIRED') throw badRequest('PATIENT_REQUIRED', 'An admin books for a patient: give their patient_id');
    if ('self' in whom) {
      requireVerifiedEmail(principal);
      return { id: principal.id, name: principal.name ?? principal.email ?? 'Patient', email: principal.email ?? '' };
    }
    const contact = await patients.contact(whom.patientId);
    if (!contact) throw new AppError(404, 'PATIENT_NOT_FOUND', 'No user with this patient_id');
    return { id: contact.id, name: contact.full_name, email: contact.email };
  }

  /** The family member a booking is for, if any: one of the booking account's own, as user-service has them now. */
  async function familyMemberOf(accountId: string, memberId: string | undefined) {
    if (!memberId) return {};
    const member = await patients.familyMember(accountId, memberId);
    if (!member) throw new AppError(404, 'FAMILY_MEMBER_NOT_FOUND', 'No such family member of the account the appointment is booked on');
    return { family_member: { id: member.id, name: member.full_name } };
  }

  /**
   * The interval booked: with a visit type, its duration from the start. The type is looked up here to
   * answer at once (and end_time may be left out); the booking worker checks it again as it decides.
   */
  async function intervalOf(request: CreateAppointmentRequest, booking: { bookedBy: string; patientId: string }) {
    let durationMinutes: number | undefined;
    if (request.visit_type_id !== undefined) {
      const profile = await doctors.bookingProfile(request.doctor_id);
      if (!profile) throw new AppError(404, 'DOCTOR_NOT_FOUND', 'Doctor not found');
      const visitType = profile.visit_types?.find((type) => type.id === request.visit_type_id);
      const refusal = visitTypeRefusal(visitType, booking);
      if (refusal) throw new AppError(refusal.code === 'VISIT_TYPE_NOT_FOUND' ? 404 : 403, refusal.code, refusal.message);
      durationMinutes = visitType!.duration_minutes;
    }
    const interval = requestedInterval(request, durationMinutes);
    if ('refusal' in interval) {
      // A missing end_time without a visit type is the invalid request it always was.
      if (interval.refusal === 'END_TIME_REQUIRED') throw badRequest('VALIDATION_FAILED', 'end_time is required without a visit_type_id');
      throw badRequest(interval.refusal, 'end_time must be start_time plus the visit type’s duration');
    }
    requireEndAfterStart(interval);
    return interval;
  }

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

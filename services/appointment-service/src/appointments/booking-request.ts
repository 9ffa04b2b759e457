import { AppError, badRequest, forbidden, type Principal } from '@clinic/service-kit';
import type { CreateAppointmentRequest } from '@clinic/contracts';
import type { DoctorDirectory, PatientDirectory } from '../directories/index.ts';
import { requireEndAfterStart, requireVerifiedEmail } from './guards.ts';
import { bookingFor } from './rules.ts';
import { requestedInterval, visitTypeRefusal } from './visit-type-rules.ts';

/**
 * What a booking request names, resolved before the command goes to the queue: the patient, the
 * family member it is for, and the interval (a visit type's duration from the start).
 */
export function bookingRequestParts(patients: PatientDirectory, doctors: Pick<DoctorDirectory, 'bookingProfile'>) {
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

  return { patientOf, familyMemberOf, intervalOf };
}

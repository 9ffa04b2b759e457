import { conflict, forbidden, inTransaction, notFound, type Pool, type Principal } from '@clinic/service-kit';
import type { Appointment, AppointmentStatus, CancelAppointmentRequest } from '@clinic/contracts';
import { appointmentsRepository as appointments } from './repository.ts';
import { eventsRepository as events } from './events-repository.ts';
import { requireChangeable, requireReason, visibleAppointment, type ChangeRules } from './guards.ts';
import { canCancel, canManage, canView, noShowRefusal, transitionAllowed, type Transition } from './rules.ts';

/** In which capacity a person acts on an appointment (told in the cancellation emails). */
function capacityOf(principal: Principal, appointment: Appointment): 'PATIENT' | 'DOCTOR' | 'ADMIN' {
  if (principal.id === appointment.patient_id) return 'PATIENT';
  if (principal.id === appointment.doctor_user_id) return 'DOCTOR';
  return 'ADMIN';
}

/** A 409 while a no-show cannot be known yet: before the start, and in the grace period after it. */
function requireNoShowMarkable(appointment: Appointment, rules: ChangeRules) {
  const refusal = noShowRefusal(appointment, new Date(), rules.noShowGraceMinutes);
  if (refusal === 'APPOINTMENT_NOT_STARTED') {
    throw conflict(refusal, 'A no-show can be marked only once the appointment’s start has come');
  }
  if (refusal === 'TOO_EARLY_FOR_NO_SHOW') {
    throw conflict(refusal, `The patient may still arrive: a no-show can be marked ${rules.noShowGraceMinutes} minutes after the start`, {
      grace_minutes: rules.noShowGraceMinutes,
    });
  }
}

/** Cancelling, confirming and marking a no-show: status changes decided here, each with its event. */
export function statusUseCases(pool: Pool, onChange: () => void, rules: ChangeRules) {
  /** Changes the status in one transaction with its event, from an allowed status only. */
  async function changeStatus(
    principal: Principal,
    id: string,
    transition: Transition,
    to: AppointmentStatus,
    allowed: typeof canView,
    reason?: string,
  ) {
    await visibleAppointment(pool, principal, id);
    const changed = await inTransaction(pool, async (tx) => {
      const current = await appointments.findById(tx, id, { lock: true });
      if (!current) throw notFound('Appointment');
      if (!allowed(principal, current)) throw forbidden();
      if (!transitionAllowed(transition, current.status)) {
        throw conflict('INVALID_STATE', `A ${current.status} appointment cannot be ${to.toLowerCase()}`);
      }
      if (transition === 'CANCEL') {
        requireChangeable(principal, current, rules);
        requireReason(principal, current, reason, rules);
      }
      if (transition === 'NO_SHOW') requireNoShowMarkable(current, rules);
      const updated = await appointments.setStatus(tx, id, to);
      const actorId = principal.id;
      if (to === 'CANCELLED')
        await events.record(tx, 'CANCELLED', updated, { cancelledBy: capacityOf(principal, current), reason, actorId });
      else if (to === 'NO_SHOW') await events.record(tx, 'NO_SHOW', updated, { actorId });
      else await events.record(tx, 'CONFIRMED', updated, { actorId });
      return updated;
    });
    onChange();
    return changed;
  }

  return {
    cancel: (principal: Principal, id: string, request: CancelAppointmentRequest = {}) =>
      changeStatus(principal, id, 'CANCEL', 'CANCELLED', canCancel, request.reason),
    confirm: (principal: Principal, id: string) => changeStatus(principal, id, 'CONFIRM', 'CONFIRMED', canManage),
    noShow: (principal: Principal, id: string) => changeStatus(principal, id, 'NO_SHOW', 'NO_SHOW', canManage),
  };
}

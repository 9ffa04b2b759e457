import type { AppError, PoolClient } from '@clinic/service-kit';
import type { BookingCommand } from '@clinic/contracts';
import { appointmentsRepository as appointments, minutesOf, transitionAllowed } from '../appointments/index.ts';
import { rejected, type Decision } from '../booking/index.ts';
import { holdsOnBooking } from '../waitlist/index.ts';
import { bufferRefusal, eventOf, inSavepoint, unavailable, type DecisionContext } from './decisions.ts';
import type { Lookups } from './lookups.ts';

type RescheduleCommand = Extract<BookingCommand, { kind: 'RESCHEDULE' }>;

/** RESCHEDULE: a PENDING appointment moved (and its cabinet changed), if the doctor's calendar allows the new time. */
export async function reschedule(tx: PoolClient, command: RescheduleCommand, found: Lookups, ctx: DecisionContext): Promise<Decision> {
  const current = found.current.get(command.appointment_id);
  if (!current) return { reply: rejected('NOT_FOUND', 'Appointment not found') };
  const profile = found.profiles.get(current.doctor_id);
  if (profile instanceof Error) return unavailable(profile as AppError);
  if (!profile) return { reply: rejected('DOCTOR_NOT_FOUND', 'Doctor not found') };
  // A visit type's appointment keeps its length: the new time must be as long, from a slot's start.
  const durationMinutes = current.visit_type_id ? minutesOf(current) : undefined;
  const invalid = ctx.checkInterval(profile, command.start_time, command.end_time, durationMinutes);
  if (invalid) return { reply: invalid };
  const changesCabinet = command.cabinet_id !== undefined && command.cabinet_id !== current.cabinet_id;
  const cabinet = changesCabinet ? found.cabinets.get(command.cabinet_id!) : undefined;
  if (cabinet instanceof Error) return unavailable(cabinet as AppError);
  if (changesCabinet && !cabinet) return { reply: rejected('CABINET_NOT_FOUND', 'Cabinet not found') };
  return inSavepoint(tx, async () => {
    // Under lock: an earlier command of this batch, or a cancellation meanwhile, may have changed it.
    const locked = (await appointments.findById(tx, command.appointment_id, { lock: true }))!;
    if (!transitionAllowed('RESCHEDULE', locked.status)) {
      return { reply: rejected('INVALID_STATE', `A ${locked.status} appointment cannot be rescheduled; only PENDING ones can`) };
    }
    const tooClose = await bufferRefusal(tx, profile, { start: command.start_time, end: command.end_time, excludeId: locked.id });
    if (tooClose) return { reply: tooClose };
    const held = await holdsOnBooking(tx, {
      doctorId: locked.doctor_id,
      patientId: locked.patient_id,
      start: command.start_time,
      end: command.end_time,
      timeZone: ctx.clinicTimeZone,
    });
    if (held.refusal) return { reply: held.refusal };
    const updated = await appointments.reschedule(tx, locked.id, {
      start_time: new Date(command.start_time).toISOString(),
      end_time: new Date(command.end_time).toISOString(),
      cabinet_id: cabinet?.id ?? locked.cabinet_id,
      cabinet_name: cabinet?.name ?? locked.cabinet_name,
      cabinet_location: cabinet?.location ?? locked.cabinet_location,
      cabinet_floor: cabinet?.floor ?? locked.cabinet_floor,
    });
    await held.consume(updated.id);
    return {
      reply: { result: 'RESCHEDULED', appointment: updated },
      event: eventOf('UPDATED', updated, { actorId: command.requested_by, reason: command.reason }),
    };
  });
}

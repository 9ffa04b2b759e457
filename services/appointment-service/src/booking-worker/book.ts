import type { AppError, PoolClient } from '@clinic/service-kit';
import type { BookingCommand } from '@clinic/contracts';
import {
  appointmentsRepository as appointments,
  capApplies,
  capReached,
  statusOfNewBooking,
  visitTypeRefusal,
} from '../appointments/index.ts';
import { rejected, slotTaken, type Decision } from '../booking/index.ts';
import { holdsOnBooking } from '../waitlist/index.ts';
import { bufferRefusal, eventOf, inSavepoint, unavailable, type DecisionContext } from './decisions.ts';
import type { Found } from './lookups.ts';

type BookCommand = Extract<BookingCommand, { kind: 'BOOK' }>;

/** BOOK: a new appointment, if the doctor's calendar, the patient's standing and the times booked allow it. */
export async function book(tx: PoolClient, command: BookCommand, found: Found, ctx: DecisionContext): Promise<Decision> {
  const profile = found.profiles.get(command.doctor_id);
  if (profile instanceof Error) return unavailable(profile as AppError);
  if (!profile) return { reply: rejected('DOCTOR_NOT_FOUND', 'Doctor not found') };
  const bookedBy = command.booked_by ?? command.patient.id;
  const visitType = command.visit_type_id === undefined ? undefined : profile.visit_types?.find((t) => t.id === command.visit_type_id);
  const refusal =
    command.visit_type_id === undefined ? undefined : visitTypeRefusal(visitType, { bookedBy, patientId: command.patient.id });
  if (refusal) return { reply: rejected(refusal.code, refusal.message) };
  const invalid = ctx.checkInterval(profile, command.start_time, command.end_time, visitType?.duration_minutes);
  if (invalid) return { reply: invalid };
  const { doctor } = profile;
  const span = { start: Date.parse(command.start_time), end: Date.parse(command.end_time) };
  // Read at the start of the batch's transaction and counted on as the batch books. The cap spans
  // doctors: with several shards, bookings another shard commits meanwhile are not seen, so a patient
  // can pass the cap by at most the bookings of theirs other shards decide at the same moment (none
  // with one shard). Double booking stays with the exclusion constraints, whatever the count.
  const standing = found.patients.get(command.patient.id) ?? { deleted: false, ahead: 0 };
  if (standing.deleted) return { reply: rejected('PATIENT_NOT_FOUND', 'This patient’s account was deleted') };
  if (capApplies(bookedBy, command.patient.id) && capReached(standing.ahead, ctx.maxFutureAppointmentsPerPatient)) {
    return {
      reply: rejected(
        'TOO_MANY_APPOINTMENTS',
        `A patient may have at most ${ctx.maxFutureAppointmentsPerPatient} appointments ahead; cancel one or ask the clinic`,
      ),
    };
  }
  // What the exclusion constraint would refuse, answered without trying it.
  if (found.booked.overlaps(doctor.id, span)) return { reply: slotTaken() };
  return inSavepoint(tx, async () => {
    const tooClose = await bufferRefusal(tx, profile, { start: command.start_time, end: command.end_time });
    if (tooClose) return { reply: tooClose };
    const known = found.holds.overlapping(doctor.id, span);
    const held = await holdsOnBooking(
      tx,
      {
        doctorId: doctor.id,
        patientId: command.patient.id,
        start: command.start_time,
        end: command.end_time,
        timeZone: ctx.clinicTimeZone,
        // Only the front desk's commands carry it (booking-use-cases.ts refuses a patient's).
        ...(command.override_hold_reason ? { override: { by: bookedBy, reason: command.override_hold_reason } } : {}),
      },
      known,
    );
    if (held.refusal) return { reply: held.refusal };
    const created = await appointments.insert(tx, {
      patient_id: command.patient.id,
      patient_name: command.patient.name,
      patient_email: command.patient.email,
      doctor_id: doctor.id,
      doctor_user_id: doctor.user_id,
      doctor_name: doctor.full_name,
      doctor_email: doctor.email,
      specialization_name: doctor.specialization.name,
      cabinet_id: doctor.cabinet.id,
      cabinet_name: doctor.cabinet.name,
      cabinet_location: doctor.cabinet.location,
      cabinet_floor: doctor.cabinet.floor,
      start_time: new Date(command.start_time).toISOString(),
      end_time: new Date(command.end_time).toISOString(),
      booked_by: bookedBy,
      family_member_id: command.family_member?.id ?? null,
      family_member_name: command.family_member?.name ?? null,
      reason: command.reason ?? null,
      ...(visitType ? { visit_type: { id: visitType.id, name_ro: visitType.name_ro, name_en: visitType.name_en } } : {}),
      // The front desk's booking is the clinic's own: CONFIRMED at once, nobody left to confirm it.
      status: statusOfNewBooking(bookedBy, command.patient.id),
    });
    await held.consume(created.id);
    // Holds used up or overridden: what the batch read of this doctor's holds is out of date.
    if (known?.length) found.holds.forget(doctor.id);
    found.booked.add(doctor.id, span);
    found.patients.set(command.patient.id, { ...standing, ahead: standing.ahead + 1 });
    return { reply: { result: 'BOOKED', appointment: created }, event: eventOf('CREATED', created, { actorId: bookedBy }) };
  });
}

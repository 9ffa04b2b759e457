import { AppError, inTransaction, type Logger, type Pool, type PoolClient } from '@clinic/service-kit';
import type { Appointment, BookingCommand, BookingOutcome, DoctorBookingProfile } from '@clinic/contracts';
import { checkBookable } from '@clinic/scheduling';
import { transitionAllowed } from './appointment-rules.ts';
import { appointmentsRepository as appointments, eventsRepository as events, isOverlapViolation } from './appointments-repository.ts';
import { bookingCommandsRepository as commands } from './booking-commands-repository.ts';
import type { DoctorDirectory } from './doctor-directory.ts';

type BookCommand = Extract<BookingCommand, { kind: 'BOOK' }>;
type RescheduleCommand = Extract<BookingCommand, { kind: 'RESCHEDULE' }>;

/** An outcome that books nothing: the status and error body the requester answers with. */
export const rejected = (status: number, code: string, message: string): BookingOutcome => ({
  status,
  body: { error: { code, message } },
});
const slotTaken = () => rejected(409, 'SLOT_TAKEN', 'This time is already booked with the doctor');
const patientBusy = () => rejected(409, 'PATIENT_BUSY', 'The patient already has an appointment at this time');

export interface BookingWorkerDeps {
  pool: Pool;
  doctors: DoctorDirectory;
  logger: Logger;
  now?: () => Date;
}

/**
 * The one place bookings are decided. Commands arrive one at a time, in order, from the booking
 * queue's single active consumer. Each is decided once: its outcome is stored with the change in
 * one transaction, so a redelivered command (its worker died before acknowledging) replays it.
 */
export function bookingWorker({ pool, doctors, logger, now = () => new Date() }: BookingWorkerDeps) {
  /** Stores the outcome and the change (if any) atomically, unless the command was decided meanwhile. */
  async function decide(commandId: string, change: (tx: PoolClient) => Promise<BookingOutcome>): Promise<BookingOutcome> {
    return inTransaction(pool, async (tx) => {
      const stored = await commands.find(tx, commandId, { lock: true });
      if (stored?.outcome) return stored.outcome;
      await tx.query('SAVEPOINT change');
      let outcome: BookingOutcome;
      try {
        outcome = await change(tx);
      } catch (error) {
        // The database's own guard caught an overlap the checks above did not see.
        if (!isOverlapViolation(error)) throw error;
        await tx.query('ROLLBACK TO SAVEPOINT change');
        outcome = (error as { constraint?: string }).constraint === 'appointments_patient_no_overlap' ? patientBusy() : slotTaken();
      }
      await commands.complete(tx, commandId, outcome);
      return outcome;
    });
  }

  function checkInterval(profile: DoctorBookingProfile, start: string, end: string): BookingOutcome | undefined {
    const verdict = checkBookable({
      start: new Date(start),
      end: new Date(end),
      timeZone: profile.time_zone,
      schedule: profile.schedule,
      timeOff: profile.time_off,
      now: now(),
      horizonDays: profile.horizon_days,
    });
    return verdict.ok ? undefined : rejected(400, verdict.code, verdict.message);
  }

  async function book(command: BookCommand): Promise<BookingOutcome> {
    const profile = await doctors.bookingProfile(command.doctor_id);
    if (!profile) return decide(command.id, async () => rejected(404, 'DOCTOR_NOT_FOUND', 'Doctor not found'));
    const invalid = checkInterval(profile, command.start_time, command.end_time);
    if (invalid) return decide(command.id, async () => invalid);
    const { start_time, end_time } = command;
    return decide(command.id, async (tx) => {
      if (await appointments.findActiveOverlap(tx, { doctorId: command.doctor_id }, start_time, end_time)) return slotTaken();
      if (await appointments.findActiveOverlap(tx, { patientId: command.patient.id }, start_time, end_time)) return patientBusy();
      const { doctor } = profile;
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
        start_time: new Date(start_time).toISOString(),
        end_time: new Date(end_time).toISOString(),
      });
      await events.record(tx, 'CREATED', created);
      return { status: 201, body: created };
    });
  }

  async function reschedule(command: RescheduleCommand): Promise<BookingOutcome> {
    const current = await appointments.findById(pool, command.appointment_id);
    if (!current) return decide(command.id, async () => rejected(404, 'NOT_FOUND', 'Appointment not found'));
    const profile = await doctors.bookingProfile(current.doctor_id);
    if (!profile) return decide(command.id, async () => rejected(404, 'DOCTOR_NOT_FOUND', 'Doctor not found'));
    const invalid = checkInterval(profile, command.start_time, command.end_time);
    if (invalid) return decide(command.id, async () => invalid);
    const cabinet = command.cabinet_id && command.cabinet_id !== current.cabinet_id ? await doctors.cabinet(command.cabinet_id) : undefined;
    if (command.cabinet_id && command.cabinet_id !== current.cabinet_id && !cabinet) {
      return decide(command.id, async () => rejected(404, 'CABINET_NOT_FOUND', 'Cabinet not found'));
    }
    const { start_time, end_time } = command;
    return decide(command.id, async (tx) => {
      const locked = (await appointments.findById(tx, command.appointment_id, { lock: true }))!;
      if (!transitionAllowed('RESCHEDULE', locked.status)) {
        return rejected(409, 'INVALID_STATE', `A ${locked.status} appointment cannot be rescheduled; only PENDING ones can`);
      }
      if (await appointments.findActiveOverlap(tx, { doctorId: locked.doctor_id }, start_time, end_time, locked.id)) return slotTaken();
      if (await appointments.findActiveOverlap(tx, { patientId: locked.patient_id }, start_time, end_time, locked.id)) return patientBusy();
      const updated = await appointments.reschedule(tx, locked.id, {
        start_time: new Date(start_time).toISOString(),
        end_time: new Date(end_time).toISOString(),
        cabinet_id: cabinet?.id ?? locked.cabinet_id,
        cabinet_name: cabinet?.name ?? locked.cabinet_name,
        cabinet_location: cabinet?.location ?? locked.cabinet_location,
        cabinet_floor: cabinet?.floor ?? locked.cabinet_floor,
      });
      await events.record(tx, 'UPDATED', updated);
      return { status: 200, body: updated satisfies Appointment };
    });
  }

  return async function handle(command: BookingCommand): Promise<BookingOutcome> {
    const stored = await commands.find(pool, command.id);
    if (stored?.outcome) return stored.outcome;
    try {
      return command.kind === 'BOOK' ? await book(command) : await reschedule(command);
    } catch (error) {
      // doctor-service unreachable: the command stays undecided, the client may retry with its key.
      if (error instanceof AppError && error.statusCode >= 500) {
        logger.warn({ err: error, commandId: command.id }, 'booking command not decided');
        return rejected(503, 'UNAVAILABLE', `${error.message}; retry with the same Idempotency-Key`);
      }
      throw error;
    }
  };
}

export type BookingWorker = ReturnType<typeof bookingWorker>;

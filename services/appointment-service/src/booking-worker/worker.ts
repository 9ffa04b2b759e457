import {
  AppError,
  constraintViolation,
  inTransaction,
  withRequestContext,
  type Logger,
  type Pool,
  type PoolClient,
  type RequestContext,
} from '@clinic/service-kit';
import type {
  Appointment,
  AppointmentEvent,
  AppointmentServiceEvent,
  BookingCommand,
  BookingOutcome,
  BookingRejectionCode,
  BookingReply,
  DoctorBookingProfile,
} from '@clinic/contracts';
import { memoizedCheckBookable } from '@clinic/scheduling';
import {
  capApplies,
  capReached,
  transitionAllowed,
  appointmentsAheadRepository as ahead,
  appointmentsRepository as appointments,
  eventsRepository as events,
  patientsRepository as patients,
  type PatientStanding,
} from '../appointments/index.ts';
import { bookedTimes, type BookedTimes } from './booked-times.ts';
import { bookingCommandsRepository as commands, type BatchResult, type Decision, type QueuedCommand } from '../booking/index.ts';
import { decideDoctorCommand, profileNeededBy } from '../doctor-calendar/index.ts';
import type { Cabinet, DoctorDirectory } from '../directories/index.ts';
import { decideOfferTime, holdsOnBooking } from '../waitlist/index.ts';

type BookCommand = Extract<BookingCommand, { kind: 'BOOK' }>;
type RescheduleCommand = Extract<BookingCommand, { kind: 'RESCHEDULE' }>;
type PatientLeftCommand = Extract<BookingCommand, { kind: 'PATIENT_LEFT' }>;

/** An outcome that books nothing, and why. */
const rejected = (code: BookingRejectionCode, message: string): BookingOutcome => ({ result: 'REJECTED', code, message });
const slotTaken = () => rejected('SLOT_TAKEN', 'This time is already booked with the doctor');
const patientBusy = () => rejected('PATIENT_BUSY', 'The patient already has an appointment at this time');

export interface BookingWorkerDeps {
  pool: Pool;
  doctors: DoctorDirectory;
  logger: Logger;
  /** How long a freed time offered from the waitlist is held for the patient it is offered to. */
  waitlistHoldSeconds: number;
  /** Most active appointments ahead a patient books for themselves (the front desk is not capped). */
  maxFutureAppointmentsPerPatient: number;
  now?: () => Date;
}

/** What the batch learns before its transaction: doctors' profiles, appointments to reschedule, cabinets. */
interface Lookups {
  profiles: Map<string, DoctorBookingProfile | undefined | Error>;
  current: Map<string, Appointment | undefined>;
  cabinets: Map<string, Cabinet | undefined | Error>;
}

/**
 * And what it reads first in its transaction: the times its bookings ask for that are already booked,
 * and where their patients stand (a deleted account, how many appointments ahead).
 */
interface Found extends Lookups {
  booked: BookedTimes;
  patients: Map<string, PatientStanding>;
}

/** Unreachable doctor-service: the command is answered UNAVAILABLE and left undecided, so a retry decides it. */
const isUnavailable = (error: unknown): error is AppError => error instanceof AppError && error.statusCode >= 500;

const eventOf = (
  type: 'CREATED' | 'UPDATED',
  appointment: Appointment,
  details: Pick<AppointmentEvent, 'actorId' | 'reason'>,
): AppointmentEvent => ({
  id: crypto.randomUUID(),
  type,
  occurredAt: new Date().toISOString(),
  appointmentId: appointment.id,
  appointment,
  ...details,
});

/** The doctor whose booking profile a command needs; a reschedule's is its appointment's. */
const doctorOf = (command: BookingCommand, current: Map<string, Appointment | undefined>): string | undefined =>
  'doctor_id' in command ? command.doctor_id : command.kind === 'RESCHEDULE' ? current.get(command.appointment_id)?.doctor_id : undefined;

/**
 * The one place bookings are decided. Commands arrive in batches, in queue order, from a booking
 * queue's single active consumer (one queue per shard; a doctor's commands all go to one shard).
 * A batch is decided in one transaction, each command in its own savepoint, and committed once
 * (group commit): its outcomes are stored with the changes, so a redelivered command (its worker died
 * before acknowledging) replays its outcome, and a batch that died before its commit is decided anew.
 *
 * Overlaps are left to the database: the exclusion constraints refuse an overlapping insert or
 * update, the savepoint undoes it, and the command is answered SLOT_TAKEN or PATIENT_BUSY. The doctor's
 * booking profile is read from doctor-service once per doctor per batch, after the batch's commands
 * were queued, so a schedule changed before a booking was requested is the one it is checked against.
 */
export function bookingWorker({
  pool,
  doctors,
  logger,
  waitlistHoldSeconds,
  maxFutureAppointmentsPerPatient,
  now = () => new Date(),
}: BookingWorkerDeps) {
  async function settle<T>(work: Promise<T>): Promise<T | Error> {
    try {
      return await work;
    } catch (error) {
      if (isUnavailable(error)) return error;
      throw error;
    }
  }

  async function lookups(batch: QueuedCommand[]): Promise<Lookups> {
    const current = new Map<string, Appointment | undefined>();
    for (const { command } of batch) {
      if (command.kind === 'RESCHEDULE') current.set(command.appointment_id, await appointments.findById(pool, command.appointment_id));
    }
    // Each doctor and cabinet is asked for once per batch, for the first command that needs it: the
    // call goes under that command's request id.
    const doctorsAsked = new Map<string, RequestContext | undefined>();
    const cabinetsAsked = new Map<string, RequestContext | undefined>();
    for (const { command, context } of batch) {
      // A doctor command asks for the profile only when it checks appointments against it.
      const doctorId =
        command.kind === 'RETIRE_DOCTOR' || command.kind === 'RECONCILE_DOCTOR' ? profileNeededBy(command) : doctorOf(command, current);
      if (doctorId && !doctorsAsked.has(doctorId)) doctorsAsked.set(doctorId, context);
      if (command.kind === 'RESCHEDULE' && command.cabinet_id && !cabinetsAsked.has(command.cabinet_id)) {
        cabinetsAsked.set(command.cabinet_id, context);
      }
    }
    const [profiles, cabinets] = await Promise.all([
      Promise.all(
        [...doctorsAsked].map(
          async ([id, context]) => [id, await withRequestContext(context, () => settle(doctors.bookingProfile(id)))] as const,
        ),
      ),
      Promise.all(
        [...cabinetsAsked].map(
          async ([id, context]) => [id, await withRequestContext(context, () => settle(doctors.cabinet(id)))] as const,
        ),
      ),
    ]);
    return { profiles: new Map(profiles), current, cabinets: new Map(cabinets) };
  }

  // checkBookable's work for a doctor's day is done once, not for every command (see memo.ts in @clinic/scheduling).
  const checkBookable = memoizedCheckBookable();

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
    return verdict.ok ? undefined : rejected(verdict.code, verdict.message);
  }

  const unavailable = (error: AppError): Decision => ({
    reply: { result: 'UNAVAILABLE', message: `${error.message}; retry with the same Idempotency-Key` },
  });

  /** Runs a change in a savepoint; an overlap the constraints refused is undone and answered. */
  async function inSavepoint(tx: PoolClient, change: () => Promise<Decision>): Promise<Decision> {
    await tx.query('SAVEPOINT command');
    try {
      return await change();
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT command');
      const violation = constraintViolation(error);
      if (violation?.kind !== 'exclusion') throw error;
      return { reply: violation.constraint === 'appointments_patient_no_overlap' ? patientBusy() : slotTaken() };
    }
  }

  async function book(tx: PoolClient, command: BookCommand, found: Found): Promise<Decision> {
    const profile = found.profiles.get(command.doctor_id);
    if (profile instanceof Error) return unavailable(profile as AppError);
    if (!profile) return { reply: rejected('DOCTOR_NOT_FOUND', 'Doctor not found') };
    const invalid = checkInterval(profile, command.start_time, command.end_time);
    if (invalid) return { reply: invalid };
    const { doctor } = profile;
    const span = { start: Date.parse(command.start_time), end: Date.parse(command.end_time) };
    const bookedBy = command.booked_by ?? command.patient.id;
    // Read at the start of the batch's transaction and counted on as the batch books. The cap spans
    // doctors: with several shards, bookings another shard commits meanwhile are not seen, so a patient
    // can pass the cap by at most the bookings of theirs other shards decide at the same moment (none
    // with one shard). Double booking stays with the exclusion constraints, whatever the count.
    const standing = found.patients.get(command.patient.id) ?? { deleted: false, ahead: 0 };
    if (standing.deleted) return { reply: rejected('PATIENT_NOT_FOUND', 'This patient’s account was deleted') };
    if (capApplies(bookedBy, command.patient.id) && capReached(standing.ahead, maxFutureAppointmentsPerPatient)) {
      return {
        reply: rejected(
          'TOO_MANY_APPOINTMENTS',
          `A patient may have at most ${maxFutureAppointmentsPerPatient} appointments ahead; cancel one or ask the clinic`,
        ),
      };
    }
    // What the exclusion constraint would refuse, answered without trying it.
    if (found.booked.overlaps(doctor.id, span)) return { reply: slotTaken() };
    return inSavepoint(tx, async () => {
      const held = await holdsOnBooking(tx, {
        doctorId: doctor.id,
        patientId: command.patient.id,
        start: command.start_time,
        end: command.end_time,
      });
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
      });
      await held.consume(created.id);
      found.booked.add(doctor.id, span);
      found.patients.set(command.patient.id, { ...standing, ahead: standing.ahead + 1 });
      return { reply: { result: 'BOOKED', appointment: created }, event: eventOf('CREATED', created, { actorId: bookedBy }) };
    });
  }

  async function reschedule(tx: PoolClient, command: RescheduleCommand, found: Lookups): Promise<Decision> {
    const current = found.current.get(command.appointment_id);
    if (!current) return { reply: rejected('NOT_FOUND', 'Appointment not found') };
    const profile = found.profiles.get(current.doctor_id);
    if (profile instanceof Error) return unavailable(profile as AppError);
    if (!profile) return { reply: rejected('DOCTOR_NOT_FOUND', 'Doctor not found') };
    const invalid = checkInterval(profile, command.start_time, command.end_time);
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
      const held = await holdsOnBooking(tx, {
        doctorId: locked.doctor_id,
        patientId: locked.patient_id,
        start: command.start_time,
        end: command.end_time,
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

  async function offerTime(tx: PoolClient, command: Extract<BookingCommand, { kind: 'OFFER_TIME' }>, found: Lookups): Promise<Decision> {
    const profile = found.profiles.get(command.doctor_id);
    if (profile instanceof Error) return unavailable(profile as AppError);
    return decideOfferTime(tx, command, profile, {
      now: now(),
      holdSeconds: waitlistHoldSeconds,
      bookable: (p) => checkInterval(p, command.start_time, command.end_time) === undefined,
    });
  }

  /**
   * A deleted patient's appointments ahead are cancelled, each with its CANCELLED event (by the clinic,
   * the reason told in each recipient's language), in its own savepoint: a failure undoes it and ends
   * the batch there. The times freed are no longer known as booked.
   */
  async function patientLeft(tx: PoolClient, command: PatientLeftCommand, found: Found): Promise<Decision> {
    await tx.query('SAVEPOINT patient_left');
    try {
      const upcoming = await ahead.ofPatientLocked(tx, command.patient_id);
      for (const appointment of upcoming) {
        const cancelled = await appointments.setStatus(tx, appointment.id, 'CANCELLED');
        await events.record(tx, 'CANCELLED', cancelled, { cancelledBy: 'ADMIN', reasonCode: 'PATIENT_ACCOUNT_DELETED' });
        found.booked.forget(appointment.doctor_id);
      }
      return { reply: { result: 'PATIENT_LEFT', cancelled: upcoming.length } };
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT patient_left');
      throw error;
    }
  }

  /** Each kind of command to the function that decides it. */
  function decide(tx: PoolClient, command: BookingCommand, found: Found): Promise<Decision> {
    // Anything but a booking can free or move a doctor's times: from here on the database alone knows them.
    if (command.kind !== 'BOOK') {
      const doctorId = doctorOf(command, found.current);
      if (doctorId) found.booked.forget(doctorId);
    }
    switch (command.kind) {
      case 'BOOK':
        return book(tx, command, found);
      case 'RESCHEDULE':
        return reschedule(tx, command, found);
      case 'OFFER_TIME':
        return offerTime(tx, command, found);
      case 'RETIRE_DOCTOR':
      case 'RECONCILE_DOCTOR':
        return decideDoctorCommand(tx, command, found.profiles.get(command.doctor_id));
      case 'PATIENT_LEFT':
        return patientLeft(tx, command, found);
    }
  }

  /**
   * Decides `batch` in order in one transaction. Commands decided before (a redelivery) replay their
   * stored outcome. The first command that fails for another reason than an overlap ends the batch:
   * what came before it is committed, and the caller tries it again with the rest. Each command is
   * decided in the context of its own request, so its log lines carry its request id and its event
   * is published under it.
   */
  return async function decideBatch(batch: QueuedCommand[]): Promise<BatchResult> {
    const looked = await lookups(batch);
    return inTransaction(pool, async (tx) => {
      const stored = await commands.outcomesOf(
        tx,
        batch.map(({ command }) => command.id),
      );
      const asked = batch.flatMap(({ command }) =>
        command.kind === 'BOOK' ? [{ doctorId: command.doctor_id, start: command.start_time, end: command.end_time }] : [],
      );
      const bookingPatients = batch.flatMap(({ command }) => (command.kind === 'BOOK' ? [command.patient.id] : []));
      const found: Found = {
        ...looked,
        booked: bookedTimes(await appointments.activeOverlappingAny(tx, asked)),
        patients: await patients.standings(tx, bookingPatients),
      };
      const replies: BookingReply[] = [];
      const decided: Array<{ id: string; outcome: BookingOutcome }> = [];
      const recorded: Array<{ event: AppointmentServiceEvent; requestId: string | undefined }> = [];
      let failure: unknown;
      for (const { command, context } of batch) {
        const step = await withRequestContext(context, async (): Promise<(Decision & { replayed?: true }) | undefined> => {
          // Decided before, or earlier in this batch (a command published again while undecided).
          const replay = stored.get(command.id);
          if (replay) {
            logger.info({ commandId: command.id, result: replay.result }, 'booking command answered with its stored outcome');
            return { reply: replay, replayed: true };
          }
          try {
            const decision = await decide(tx, command, found);
            const { reply } = decision;
            logger.info(
              {
                commandId: command.id,
                kind: command.kind,
                result: reply.result,
                ...(reply.result === 'REJECTED' ? { code: reply.code } : {}),
                ...(reply.result === 'NOT_OFFERED' ? { reason: reply.reason } : {}),
              },
              'booking command decided',
            );
            return decision;
          } catch (error) {
            logger.error({ err: error, commandId: command.id }, 'booking command failed; committing the commands before it');
            failure = error;
            return undefined;
          }
        });
        if (!step) break;
        replies.push(step.reply);
        if (!step.replayed && step.reply.result !== 'UNAVAILABLE') {
          decided.push({ id: command.id, outcome: step.reply });
          stored.set(command.id, step.reply);
        }
        if (step.event) recorded.push({ event: step.event, requestId: context?.requestId });
      }
      await events.recordAll(tx, recorded);
      await commands.completeAll(tx, decided);
      return { replies, failure };
    });
  };
}

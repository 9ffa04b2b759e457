import { withRequestContext, type Pool, type RequestContext } from '@clinic/service-kit';
import type { Appointment, BookingCommand, DoctorBookingProfile } from '@clinic/contracts';
import { appointmentsRepository as appointments, type PatientStanding } from '../appointments/index.ts';
import type { QueuedCommand } from '../booking/index.ts';
import { profileNeededBy } from '../doctor-calendar/index.ts';
import type { Cabinet, DoctorDirectory } from '../directories/index.ts';
import type { BookedTimes } from './booked-times.ts';
import { isUnavailable } from './decisions.ts';
import type { KnownHolds } from './known-holds.ts';

/** What the batch learns before its transaction: doctors' profiles, appointments to reschedule, cabinets. */
export interface Lookups {
  profiles: Map<string, DoctorBookingProfile | undefined | Error>;
  current: Map<string, Appointment | undefined>;
  cabinets: Map<string, Cabinet | undefined | Error>;
}

/**
 * And what it reads first in its transaction: the times its bookings ask for that are already booked or
 * held, and where their patients stand (a deleted account, how many appointments ahead).
 */
export interface Found extends Lookups {
  booked: BookedTimes;
  holds: KnownHolds;
  patients: Map<string, PatientStanding>;
}

/** The doctor whose booking profile a command needs; a reschedule's is its appointment's. */
export const doctorOf = (command: BookingCommand, current: Map<string, Appointment | undefined>): string | undefined =>
  'doctor_id' in command ? command.doctor_id : command.kind === 'RESCHEDULE' ? current.get(command.appointment_id)?.doctor_id : undefined;

async function settle<T>(work: Promise<T>): Promise<T | Error> {
  try {
    return await work;
  } catch (error) {
    if (isUnavailable(error)) return error;
    throw error;
  }
}

export async function lookups(pool: Pool, doctors: DoctorDirectory, batch: QueuedCommand[]): Promise<Lookups> {
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
      [...cabinetsAsked].map(async ([id, context]) => [id, await withRequestContext(context, () => settle(doctors.cabinet(id)))] as const),
    ),
  ]);
  return { profiles: new Map(profiles), current, cabinets: new Map(cabinets) };
}

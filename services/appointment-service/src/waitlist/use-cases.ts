import {
  AppError,
  badRequest,
  conflict,
  forbidden,
  hasRole,
  inTransaction,
  notFound,
  translatingViolations,
  type Logger,
  type PageOf,
  type PageRequest,
  type Pool,
  type Principal,
} from '@clinic/service-kit';
import type { CreateWaitlistEntryRequest, WaitlistEntry } from '@clinic/contracts';
import { localDate } from '@clinic/scheduling';
import { bookingFor, requireVerifiedEmail, capReached } from '../appointments/index.ts';
import type { BookingGateway } from '../booking/index.ts';
import type { DoctorDirectory, PatientDirectory } from '../directories/index.ts';
import { offerTime } from './offers.ts';
import { patientWaitlistsRepository as patientWaitlists } from './patient-waitlists-repository.ts';
import { holdsRepository as holds, waitlistRepository as entries } from './repository.ts';
import { waitlistRangeProblem } from './rules.ts';

export interface WaitlistDeps {
  pool: Pool;
  doctors: Pick<DoctorDirectory, 'bookingProfile'>;
  /** Whom the front desk puts on the waitlist, by id. */
  patients: Pick<PatientDirectory, 'contact'>;
  bookings: BookingGateway;
  /** The clinic's zone: which entries' ranges have ended. */
  timeZone: string;
  /** Most entries one patient waits with at once. */
  maxEntriesPerPatient: number;
  logger: Logger;
}

const ENTRY_EXISTS = 'waitlist_entries_active_unique';

/** What patients and staff do with the waitlist; its offers are decided by the booking worker (commands.ts). */
export function waitlistUseCases({ pool, doctors, patients, bookings, timeZone, maxEntriesPerPatient, logger }: WaitlistDeps) {
  /** Who waits: the caller (a patient), or the patient the front desk (an admin) names, as user-service knows them. */
  async function waiterOf(principal: Principal, patientId: string | undefined): Promise<{ id: string; name: string }> {
    const whom = bookingFor(principal, patientId);
    if (whom === 'FORBIDDEN') throw forbidden('A patient waits for themselves; only an admin adds another patient');
    if (whom === 'PATIENT_REQUIRED') throw badRequest('PATIENT_REQUIRED', 'An admin adds a patient: give their patient_id');
    if ('self' in whom) {
      requireVerifiedEmail(principal);
      return { id: principal.id, name: principal.name ?? principal.email ?? 'Patient' };
    }
    const contact = await patients.contact(whom.patientId);
    if (!contact) throw new AppError(404, 'PATIENT_NOT_FOUND', 'No user with this patient_id');
    return { id: contact.id, name: contact.full_name };
  }

  return {
    /**
     * A patient joins a doctor's waitlist for some days, or the front desk adds a caller by their id, with the
     * same limits; told, first come first, of a time freed on one of them.
     */
    async join(principal: Principal, request: CreateWaitlistEntryRequest): Promise<WaitlistEntry> {
      const waiter = await waiterOf(principal, request.patient_id);
      const profile = await doctors.bookingProfile(request.doctor_id);
      if (!profile) throw notFound('Doctor');
      const problem = waitlistRangeProblem(request, localDate(new Date(), profile.time_zone), profile.horizon_days);
      if (problem) throw badRequest(problem.code, problem.message);
      return translatingViolations(
        () =>
          inTransaction(pool, async (tx) => {
            // One join of the patient's at a time (a lock on their id until the transaction ends), so
            // two joins at once cannot both pass the cap.
            await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('waitlist:' || $1, 0))`, [waiter.id]);
            if (capReached(await patientWaitlists.waitingEntries(tx, waiter.id, localDate(new Date(), timeZone)), maxEntriesPerPatient)) {
              throw conflict(
                'TOO_MANY_WAITLIST_ENTRIES',
                `A patient may wait with at most ${maxEntriesPerPatient} waitlist entries at once; leave one first`,
              );
            }
            return entries.insert(tx, {
              patient_id: waiter.id,
              patient_name: waiter.name,
              doctor_id: profile.doctor.id,
              doctor_user_id: profile.doctor.user_id,
              doctor_name: profile.doctor.full_name,
              date_from: request.date_from,
              date_to: request.date_to,
            });
          }),
        (violation) =>
          violation.kind === 'unique' && violation.constraint === ENTRY_EXISTS
            ? conflict('WAITLIST_ENTRY_EXISTS', 'This patient already waits for this doctor on these days')
            : undefined,
      );
    },

    /** The caller's entries whose range has not ended, each with the time held for them now, if any. */
    mine: (principal: Principal) => entries.listForPatient(pool, principal.id, localDate(new Date(), timeZone)),

    /**
     * The patient leaves the waitlist; someone else's entry answers 404. A time held for the entry is
     * given up, and offered to the next waiter through the booking queue.
     */
    async remove(principal: Principal, id: string): Promise<void> {
      const released = await inTransaction(pool, async (tx) => {
        const entry = await entries.lock(tx, id);
        if (!entry || entry.patient_id !== principal.id || entry.status === 'REMOVED') throw notFound('Waitlist entry');
        const hold = await holds.release(tx, id);
        await entries.setStatus(tx, id, 'REMOVED');
        return hold;
      });
      if (!released) return;
      // The entry is gone whatever happens next; a time not offered now is simply free for anyone.
      const answer = await offerTime(bookings, `released:${released.id}`, released).catch((error: unknown) => {
        logger.warn({ err: error, holdId: released.id }, 'released time not offered again');
        return undefined;
      });
      logger.info({ holdId: released.id, result: answer?.result }, 'time given up on the waitlist offered again');
    },

    /** A doctor's waiters in the order they are told (ADMIN, or that DOCTOR for their own; another doctor's answers 404). */
    async forDoctor(principal: Principal, doctorId: string, page: PageRequest): Promise<PageOf<WaitlistEntry>> {
      if (!hasRole(principal, 'ADMIN')) {
        const profile = await doctors.bookingProfile(doctorId);
        if (!profile || profile.doctor.user_id !== principal.id) throw notFound('Doctor');
      }
      return entries.listForDoctor(pool, doctorId, page);
    },
  };
}

export type WaitlistUseCases = ReturnType<typeof waitlistUseCases>;

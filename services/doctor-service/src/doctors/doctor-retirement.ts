import { AppError, inTransaction, notFound, type Logger, type Pool } from '@clinic/service-kit';
import type { AffectedAppointment } from '@clinic/contracts';
import type { AppointmentChecks } from '../appointments/index.ts';
import { calendarLocks } from './calendar-locks.ts';
import { doctorHasAppointments } from './rules.ts';
import { doctorsRepository as doctors } from './repository.ts';
import type { Caller, UserDirectory } from './user-directory.ts';

export interface DoctorDepartures {
  /** Deletes the doctor (refused while they have appointments not ended) and takes the DOCTOR role back. */
  remove(caller: Caller, id: string): Promise<void>;
  /** Deletes the user's doctor record, if they have one, on the same terms; their role is user-service's to change. */
  retireUser(userId: string): Promise<{ retired: boolean }>;
}

/**
 * Deletes the doctor unless appointments not ended yet are still theirs (409 listing them). The doctor
 * is marked retiring and that is committed before appointment-service is asked: its answer is decided
 * in the doctor's booking queue, so a booking decided before it is in the list it answers, and every
 * booking decided after it finds the doctor gone (DOCTOR_NOT_FOUND). No booking slips in between.
 */
export function doctorRetirement(pool: Pool, checks: AppointmentChecks, logger: Logger) {
  /** The deletion refused after all: the doctor is shown and bookable again. */
  async function stay(id: string) {
    await doctors
      .clearRetiring(pool, id)
      .catch((error: unknown) =>
        logger.error({ err: error, doctorId: id }, 'doctor left marked retiring; deleting them again finishes or clears it'),
      );
  }

  return async function retire(id: string): Promise<{ user_id: string }> {
    const marked = await inTransaction(pool, async (tx) => {
      await calendarLocks.inTransaction(tx, id);
      return doctors.markRetiring(tx, id);
    });
    if (!marked) throw notFound('Doctor');
    let remaining: AffectedAppointment[];
    try {
      remaining = await checks.retirement(id);
    } catch (error) {
      await stay(id);
      throw error;
    }
    if (remaining.length > 0) {
      await stay(id);
      throw doctorHasAppointments(remaining);
    }
    await doctors.remove(pool, id);
    return marked;
  };
}

/** A doctor's departure: deleted by an admin, or retired before their user's role changes or they are deleted. */
export function doctorDepartures(pool: Pool, users: UserDirectory, checks: AppointmentChecks, logger: Logger): DoctorDepartures {
  const retire = doctorRetirement(pool, checks, logger);
  return {
    async remove(caller, id) {
      const { user_id } = await retire(id);
      // The DOCTOR role goes with the record; an admin who also saw patients stays ADMIN.
      try {
        const user = await users.find(user_id, caller);
        if (user?.role === 'DOCTOR') await users.setRole(user_id, 'PATIENT', caller);
      } catch (error) {
        logger.error({ err: error, userId: user_id }, 'doctor deleted, but their DOCTOR role was not taken back; change the user’s role');
      }
    },
    async retireUser(userId) {
      const id = await doctors.idOfUser(pool, userId);
      if (!id) return { retired: false };
      try {
        await retire(id);
      } catch (error) {
        // Deleted meanwhile by another request: the user has no doctor record either way.
        if (error instanceof AppError && error.statusCode === 404) return { retired: false };
        throw error;
      }
      return { retired: true };
    },
  };
}

import {
  AppError,
  inTransaction,
  notFound,
  translatingViolations,
  type Logger,
  type PageOf,
  type PageRequest,
  type Pool,
} from '@clinic/service-kit';
import type { AffectedAppointment, CreateDoctorRequest, Doctor, UpdateDoctorRequest } from '@clinic/contracts';
import type { AppointmentChecks } from './appointment-checks.ts';
import { alreadyADoctor, violationMeaning } from './constraint-violations.ts';
import { doctorHasAppointments, missingReferences } from './doctor-rules.ts';
import { doctorsRepository as doctors } from './doctors-repository.ts';
import { calendarLocks } from './schedules-repository.ts';
import type { Caller, UserDirectory } from './user-directory.ts';

export interface DoctorUseCases {
  list(filter: { specialization_id?: string; cabinet_id?: string } & PageRequest): Promise<PageOf<Doctor>>;
  get(id: string): Promise<Doctor>;
  create(caller: Caller, input: CreateDoctorRequest): Promise<Doctor>;
  update(id: string, changes: UpdateDoctorRequest): Promise<Doctor>;
  /** Deletes the doctor (refused while they have appointments not ended) and takes the DOCTOR role back. */
  remove(caller: Caller, id: string): Promise<void>;
  /** Deletes the user's doctor record, if they have one, on the same terms; their role is user-service's to change. */
  retireUser(userId: string): Promise<{ retired: boolean }>;
}

const trimmedText = (text: string | null | undefined) => (typeof text === 'string' ? text.trim() : text);

export function doctorUseCases(pool: Pool, users: UserDirectory, checks: AppointmentChecks, logger: Logger): DoctorUseCases {
  async function existing(id: string) {
    const doctor = await doctors.find(pool, id);
    if (!doctor) throw notFound('Doctor');
    return doctor;
  }

  /** The deletion refused after all: the doctor is shown and bookable again. */
  async function stay(id: string) {
    await doctors
      .clearRetiring(pool, id)
      .catch((error: unknown) =>
        logger.error({ err: error, doctorId: id }, 'doctor left marked retiring; deleting them again finishes or clears it'),
      );
  }

  /**
   * Deletes the doctor unless appointments not ended yet are still theirs (409 listing them). The doctor
   * is marked retiring and that is committed before appointment-service is asked: its answer is decided
   * in the doctor's booking queue, so a booking decided before it is in the list it answers, and every
   * booking decided after it finds the doctor gone (DOCTOR_NOT_FOUND). No booking slips in between.
   */
  async function retire(id: string): Promise<{ user_id: string }> {
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
  }

  async function checkReferences(ids: { specialization_id?: string; cabinet_id?: string }) {
    const missing = missingReferences(await doctors.referencesExist(pool, ids));
    if (missing) throw missing;
  }

  return {
    list: (filter) => doctors.list(pool, filter),

    get: existing,

    async create(caller, input) {
      // Whatever can refuse the request is checked before the user's role changes in Keycloak.
      await checkReferences(input);
      if (await doctors.isDoctor(pool, input.user_id)) throw alreadyADoctor();
      const user = await users.find(input.user_id, caller);
      if (!user) throw notFound('User');
      // A user holds one platform role: an admin who also sees patients keeps ADMIN, which allows all a doctor may do.
      const promoted = user.role === 'PATIENT';
      if (promoted) await users.setRole(user.id, 'DOCTOR', caller);
      try {
        return await translatingViolations(
          () =>
            doctors.insert(pool, {
              user_id: user.id,
              full_name: user.full_name,
              email: user.email,
              specialization_id: input.specialization_id,
              cabinet_id: input.cabinet_id,
              bio: trimmedText(input.bio) ?? null,
              years_experience: input.years_experience ?? null,
            }),
          violationMeaning('write'),
        );
      } catch (error) {
        // No one is left a doctor in Keycloak without being one here, unless a request at the same time made them one.
        const madeByOtherRequest = error instanceof AppError && error.code === 'ALREADY_A_DOCTOR';
        if (promoted && !madeByOtherRequest) {
          await users
            .setRole(user.id, 'PATIENT', caller)
            .catch((undo: unknown) => logger.error({ err: undo, userId: user.id }, 'could not take the DOCTOR role back'));
        }
        throw error;
      }
    },

    async update(id, changes) {
      await checkReferences(changes);
      const doctor = await translatingViolations(
        () => doctors.update(pool, id, { ...changes, bio: trimmedText(changes.bio) }),
        violationMeaning('write'),
      );
      if (!doctor) throw notFound('Doctor');
      return doctor;
    },

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

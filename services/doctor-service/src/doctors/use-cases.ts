import { AppError, notFound, translatingViolations, type Logger, type PageOf, type PageRequest, type Pool } from '@clinic/service-kit';
import type { CreateDoctorRequest, Doctor, UpdateDoctorRequest } from '@clinic/contracts';
import type { AppointmentChecks } from '../appointments/index.ts';
import { alreadyADoctor, violationMeaning } from '../constraint-violations.ts';
import { doctorDepartures, type DoctorDepartures } from './doctor-retirement.ts';
import { missingReferences } from './rules.ts';
import { doctorsRepository as doctors } from './repository.ts';
import type { Caller, UserDirectory } from './user-directory.ts';

export interface DoctorUseCases extends DoctorDepartures {
  list(filter: { specialization_id?: string; cabinet_id?: string } & PageRequest): Promise<PageOf<Doctor>>;
  get(id: string): Promise<Doctor>;
  create(caller: Caller, input: CreateDoctorRequest): Promise<Doctor>;
  update(id: string, changes: UpdateDoctorRequest): Promise<Doctor>;
}

const trimmedText = (text: string | null | undefined) => (typeof text === 'string' ? text.trim() : text);

export function doctorUseCases(pool: Pool, users: UserDirectory, checks: AppointmentChecks, logger: Logger): DoctorUseCases {
  return { ...doctorRecords(pool, users, logger), ...doctorDepartures(pool, users, checks, logger) };
}

/** Listing, reading, making and changing doctors. */
function doctorRecords(pool: Pool, users: UserDirectory, logger: Logger): Omit<DoctorUseCases, keyof DoctorDepartures> {
  async function existing(id: string) {
    const doctor = await doctors.find(pool, id);
    if (!doctor) throw notFound('Doctor');
    return doctor;
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
  };
}

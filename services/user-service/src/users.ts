import {
  conflict,
  forbidden,
  hasRole,
  inTransaction,
  notFound,
  translatingViolations,
  type ConstraintViolation,
  type Logger,
  type PageOf,
  type PageRequest,
  type Pool,
  type Principal,
} from '@clinic/service-kit';
import type {
  AdminUpdateUserRequest,
  RegisterRequest,
  UpdateOwnProfileRequest,
  UserContact,
  UserProfile,
  UserRole,
} from '@clinic/contracts';
import type { DoctorRecords } from './doctor-records.ts';
import type { IdentityDirectory } from './identity-directory.ts';
import { userEventsRepository as events } from './user-events-repository.ts';
import { canViewUser, endsDoctorRecord, mayHaveDoctorRecord, roleFromToken } from './user-rules.ts';
import { EMAIL_UNIQUE, usersRepository as users, type NewUser, type UserChanges } from './users-repository.ts';

export interface UserUseCases {
  register(input: RegisterRequest): Promise<UserProfile>;
  profileOf(principal: Principal): Promise<UserProfile>;
  updateOwnProfile(principal: Principal, changes: UpdateOwnProfileRequest): Promise<UserProfile>;
  get(principal: Principal, id: string): Promise<UserProfile>;
  list(filter: { role?: UserRole; q?: string } & PageRequest): Promise<PageOf<UserProfile>>;
  syncFromKeycloak(principal: Principal, all: boolean): Promise<{ synced: number }>;
  update(id: string, changes: AdminUpdateUserRequest): Promise<UserProfile>;
  changeRole(principal: Principal, id: string, role: UserRole): Promise<UserProfile>;
  /** `own`: the caller deletes their own account (DELETE /users/me); an admin never deletes their own through /users/{id}. */
  remove(principal: Principal, id: string, options?: { own?: boolean }): Promise<void>;
  contact(id: string): Promise<UserContact>;
}

const emailTaken = () => conflict('EMAIL_TAKEN', 'A user with this email already exists');

/** A second account for an address another one has (two requests at once pass the check before). */
const emailViolation = (violation: ConstraintViolation) =>
  violation.kind === 'unique' && violation.constraint === EMAIL_UNIQUE ? emailTaken() : undefined;

export function userUseCases(
  pool: Pool,
  directory: IdentityDirectory,
  doctorRecords: DoctorRecords,
  onEvent: () => void,
  logger: Logger,
): UserUseCases {
  async function existing(id: string) {
    const user = await users.findById(pool, id);
    if (!user) throw notFound('User');
    return user;
  }

  /** Changes the profile and records `user.updated` in one transaction; the relay is nudged to publish it. */
  async function changed(id: string, changes: UserChanges): Promise<UserProfile | undefined> {
    const updated = await inTransaction(pool, async (tx) => {
      const profile = await users.update(tx, id, changes);
      if (profile) await events.recordUpdated(tx, profile);
      return profile;
    });
    if (updated) onEvent();
    return updated;
  }

  /** A profile refreshed from Keycloak; `user.updated` only when its name, email or role changed. */
  async function refreshed(user: Omit<NewUser, 'phone'>): Promise<UserProfile> {
    let told = false;
    const profile = await inTransaction(pool, async (tx) => {
      const before = await users.findById(tx, user.id);
      const after = await users.upsert(tx, user);
      if (before && (before.email !== after.email || before.full_name !== after.full_name || before.role !== after.role)) {
        await events.recordUpdated(tx, after);
        told = true;
      }
      return after;
    });
    if (told) onEvent();
    return profile;
  }

  /** The profile of a token's user, created on first use (users made in Keycloak's console too). */
  async function profileOf(principal: Principal): Promise<UserProfile> {
    // The services' own account is no user: it must never get a profile (nor, through it, a PATIENT role).
    if (hasRole(principal, 'SERVICE')) throw forbidden('The platform services’ account has no profile');
    const found = await users.findById(pool, principal.id);
    if (found) return found;
    let role = roleFromToken(principal);
    if (!role) {
      // A user made in Keycloak's console without a platform role starts as a patient.
      await directory.setRole(principal.id, 'PATIENT');
      role = 'PATIENT';
    }
    return users.upsert(pool, {
      id: principal.id,
      email: principal.email ?? `${principal.id}@users.invalid`,
      full_name: principal.name ?? principal.email ?? 'Unnamed user',
      role,
    });
  }

  return {
    async register(input) {
      const id = await directory.createUser(input);
      // Keycloak and the local table must agree: if anything after the Keycloak user exists fails,
      // the Keycloak user is removed again so no orphan account can log in.
      try {
        await directory.setRole(id, 'PATIENT');
        return await translatingViolations(
          () =>
            users.insert(pool, { id, email: input.email, full_name: input.full_name.trim(), phone: input.phone ?? null, role: 'PATIENT' }),
          emailViolation,
        );
      } catch (error) {
        await directory.deleteUser(id).catch((undo: unknown) => logger.error({ err: undo, userId: id }, 'could not undo Keycloak user'));
        throw error;
      }
    },

    profileOf,

    async updateOwnProfile(principal, changes) {
      await profileOf(principal);
      if (changes.full_name) await directory.updateUser(principal.id, { full_name: changes.full_name });
      const updated = await changed(principal.id, {
        full_name: changes.full_name?.trim(),
        phone: changes.phone,
        language: changes.language,
      });
      if (!updated) throw notFound('User');
      return updated;
    },

    async get(principal, id) {
      // Someone else's profile is answered as missing, not forbidden: its existence is not revealed.
      if (!canViewUser(principal, id)) throw notFound('User');
      if (principal.id === id) return profileOf(principal);
      return existing(id);
    },

    list: (filter) => users.list(pool, filter),

    async syncFromKeycloak(principal, all) {
      if (!all) {
        if (hasRole(principal, 'SERVICE')) throw forbidden('The platform services’ account has no profile');
        const role = roleFromToken(principal);
        if (role) await refreshed({ id: principal.id, email: principal.email ?? '', full_name: principal.name ?? '', role });
        else await profileOf(principal);
        return { synced: 1 };
      }
      if (!hasRole(principal, 'ADMIN')) throw forbidden('Only an admin may sync every user');
      const everyone = await directory.usersWithRoles();
      for (const user of everyone) {
        if (user.role) await refreshed({ id: user.id, email: user.email, full_name: user.full_name, role: user.role });
      }
      return { synced: everyone.length };
    },

    async update(id, changes) {
      await existing(id);
      if (changes.email && (await users.emailTakenByOther(pool, changes.email, id))) throw emailTaken();
      await directory.updateUser(id, { email: changes.email, full_name: changes.full_name });
      const updated = await translatingViolations(
        () => changed(id, { email: changes.email, full_name: changes.full_name?.trim(), phone: changes.phone }),
        emailViolation,
      );
      if (!updated) throw notFound('User');
      return updated;
    },

    async changeRole(principal, id, role) {
      const user = await existing(id);
      if (id === principal.id && role !== 'ADMIN') throw conflict('OWN_ROLE', 'An admin cannot take their own admin role away');
      // The doctor record goes first, and may refuse (409 DOCTOR_HAS_APPOINTMENTS): then nothing changes.
      if (endsDoctorRecord(user.role, role)) await doctorRecords.retire(id);
      await directory.setRole(id, role);
      if (user.role === role) return user;
      const updated = await changed(id, { role });
      if (!updated) throw notFound('User');
      return updated;
    },

    async remove(principal, id, { own = false } = {}) {
      if (id === principal.id && !own) throw conflict('OWN_ACCOUNT', 'An admin cannot delete their own account');
      const user = await existing(id);
      // A doctor with appointments not ended yet stays (409 DOCTOR_HAS_APPOINTMENTS), and so does the account.
      if (mayHaveDoctorRecord(user.role)) await doctorRecords.retire(id);
      await directory.deleteUser(id).catch((error: unknown) => {
        // Already gone from Keycloak: finish the local half.
        if ((error as { statusCode?: number }).statusCode !== 404) throw error;
      });
      // user.deleted: appointment-service cancels the patient's appointments ahead through its booking
      // queues, takes them off every waitlist, anonymises what the clinic keeps and erases their PDFs;
      // notification-service purges their notifications.
      await inTransaction(pool, async (tx) => {
        await users.remove(tx, id);
        await users.anonymiseAudit(tx, id);
        await events.recordDeleted(tx, id);
      });
      onEvent();
    },

    async contact(id) {
      const { email, full_name, language } = await existing(id);
      return { id, email, full_name, language };
    },
  };
}

import {
  AppError,
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
  type PoolClient,
  type Principal,
  type TokenNotBefores,
} from '@clinic/service-kit';
import type {
  AdminUpdateUserRequest,
  TokenNotBefore,
  PasswordPolicy,
  RegisterRequest,
  UpdateOwnProfileRequest,
  UserContact,
  UserProfile,
  UserRole,
} from '@clinic/contracts';
import type { DoctorRecords } from './doctor-records.ts';
import type { IdentityDirectory } from './identity-directory.ts';
import { tokenNotBeforeRepository as notBeforeRows } from './token-not-before-repository.ts';
import { userEventsRepository as events } from './user-events-repository.ts';
import { canViewUser, endsDoctorRecord, leavesNoAdmin, mayHaveDoctorRecord, roleFromToken } from './user-rules.ts';
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
  /** The not-befores set within the last `withinMs`, for a process starting up. */
  recentTokenNotBefores(withinMs: number): Promise<TokenNotBefore[]>;
  resendVerificationEmail(principal: Principal): Promise<void>;
  passwordPolicy(): Promise<PasswordPolicy>;
}

/** Any constant, this service's own: the key of the advisory lock under which an admin loses the role. */
const ADMIN_LOSS_LOCK = 0x0b0c_0003;

const emailTaken = () => conflict('EMAIL_TAKEN', 'A user with this email already exists');

/** A deleted user's token, still unexpired (every service refuses it once told), never makes a profile again. */
const accountDeleted = () => new AppError(401, 'ACCOUNT_DELETED', 'This account was deleted');

/** A second account for an address another one has (two requests at once pass the check before). */
const emailViolation = (violation: ConstraintViolation) =>
  violation.kind === 'unique' && violation.constraint === EMAIL_UNIQUE ? emailTaken() : undefined;

export function userUseCases(
  pool: Pool,
  directory: IdentityDirectory,
  doctorRecords: DoctorRecords,
  onEvent: () => void,
  logger: Logger,
  notBefores: TokenNotBefores,
): UserUseCases {
  async function existing(id: string) {
    const user = await users.findById(pool, id);
    if (!user) throw notFound('User');
    return user;
  }

  /**
   * Moves the user's not-before to now and records `user.tokens_revoked`, in the transaction of the
   * change (every service then refuses the tokens issued before it); answers when this replica heeds it.
   */
  async function revokeTokens(tx: PoolClient, userId: string): Promise<() => void> {
    const notBefore = await notBeforeRows.advance(tx, userId);
    await events.recordTokensRevoked(tx, userId, notBefore);
    return () => notBefores.record(userId, Date.parse(notBefore));
  }

  /**
   * Changes the profile and records `user.updated` in one transaction (and, with `revoking`, revokes
   * the user's tokens in it); the relay is nudged to publish.
   */
  async function changed(id: string, changes: UserChanges, revoking = false): Promise<UserProfile | undefined> {
    let heed = () => {};
    const updated = await inTransaction(pool, async (tx) => {
      const profile = await users.update(tx, id, changes);
      if (profile) await events.recordUpdated(tx, profile);
      if (profile && revoking) heed = await revokeTokens(tx, id);
      return profile;
    });
    heed();
    if (updated) onEvent();
    return updated;
  }

  /**
   * Runs work that takes the ADMIN role from `userId` (a demotion, a deletion), one such work at a time
   * across replicas, and only while another admin remains: two admins demoting each other at once
   * cannot leave the platform without one (409 LAST_ADMIN).
   */
  async function unlessLastAdmin<T>(userId: string, work: () => Promise<T>): Promise<T> {
    return inTransaction(pool, async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_LOSS_LOCK]);
      if (leavesNoAdmin(await directory.idsWithRole('ADMIN'), userId)) {
        throw conflict('LAST_ADMIN', 'The platform’s last admin cannot be demoted or deleted; make another admin first');
      }
      return work();
    });
  }

  /** Ends the user's Keycloak sessions (their refresh tokens); the not-before already refuses their tokens. */
  async function endSessions(userId: string) {
    await directory
      .endSessions(userId)
      .catch((error: unknown) => logger.error({ err: error, userId }, 'Keycloak sessions not ended; the tokens are refused all the same'));
  }

  /** A profile refreshed from Keycloak; `user.updated` only when its name, email or role changed. */
  async function refreshed(user: Omit<NewUser, 'phone'>): Promise<UserProfile> {
    let told = false;
    const profile = await inTransaction(pool, async (tx) => {
      const before = await users.findById(tx, user.id);
      const after = await users.upsert(tx, user);
      if (!after) throw accountDeleted();
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
    const created = await users.upsert(pool, {
      id: principal.id,
      email: principal.email ?? `${principal.id}@users.invalid`,
      full_name: principal.name ?? principal.email ?? 'Unnamed user',
      role,
    });
    if (!created) throw accountDeleted();
    return created;
  }

  return {
    async register(input) {
      const language = input.language ?? 'ro';
      const id = await directory.createUser({ ...input, language });
      // Keycloak and the local table must agree: if anything after the Keycloak user exists fails,
      // the Keycloak user is removed again so no orphan account can log in.
      let profile: UserProfile;
      try {
        await directory.setRole(id, 'PATIENT');
        profile = await translatingViolations(
          () =>
            users.insert(pool, {
              id,
              email: input.email,
              full_name: input.full_name.trim(),
              phone: input.phone ?? null,
              role: 'PATIENT',
              language,
            }),
          emailViolation,
        );
      } catch (error) {
        await directory.deleteUser(id).catch((undo: unknown) => logger.error({ err: undo, userId: id }, 'could not undo Keycloak user'));
        throw error;
      }
      // The account stands whether or not the relay takes the email now: the patient can ask again
      // (POST /users/me/verification-email), so a relay that is away does not undo the registration.
      await directory
        .sendVerificationEmail(id)
        .catch((error: unknown) => logger.warn({ err: error, userId: id }, 'verification email not sent at registration'));
      return profile;
    },

    profileOf,

    async updateOwnProfile(principal, changes) {
      await profileOf(principal);
      // Keycloak's pages and emails (password reset, verification) follow the language too.
      if (changes.full_name || changes.language) {
        await directory.updateUser(principal.id, { full_name: changes.full_name, language: changes.language });
      }
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
      // Not even an admin: a role is always given or taken by someone else, whose action the audit names.
      if (id === principal.id) throw new AppError(403, 'OWN_ROLE', 'Nobody changes their own role; another admin can');
      const user = await existing(id);
      const change = async () => {
        // The doctor record goes first, and may refuse (409 DOCTOR_HAS_APPOINTMENTS): then nothing changes.
        if (endsDoctorRecord(user.role, role)) await doctorRecords.retire(id);
        await directory.setRole(id, role);
        if (user.role === role) return user;
        // The tokens that carry the old role die everywhere, and so do the sessions that would refresh them.
        const updated = await changed(id, { role }, true);
        if (!updated) throw notFound('User');
        await endSessions(id);
        return updated;
      };
      return user.role === 'ADMIN' && role !== 'ADMIN' ? unlessLastAdmin(id, change) : change();
    },

    async remove(principal, id, { own = false } = {}) {
      if (id === principal.id && !own) throw conflict('OWN_ACCOUNT', 'An admin cannot delete their own account');
      const user = await existing(id);
      const removal = async () => {
        // A doctor with appointments not ended yet stays (409 DOCTOR_HAS_APPOINTMENTS), and so does the account.
        if (mayHaveDoctorRecord(user.role)) await doctorRecords.retire(id);
        // Deleting the Keycloak user ends their sessions with it.
        await directory.deleteUser(id).catch((error: unknown) => {
          // Already gone from Keycloak: finish the local half.
          if ((error as { statusCode?: number }).statusCode !== 404) throw error;
        });
        // user.deleted: appointment-service cancels the patient's appointments ahead through its booking
        // queues, takes them off every waitlist, anonymises what the clinic keeps and erases their PDFs;
        // notification-service purges their notifications. user.tokens_revoked: every service refuses the
        // tokens the user still holds, and the profile is never made again.
        const heed = await inTransaction(pool, async (tx) => {
          await users.remove(tx, id);
          await users.anonymiseAudit(tx, id);
          await events.recordDeleted(tx, id);
          return revokeTokens(tx, id);
        });
        heed();
        onEvent();
      };
      await (user.role === 'ADMIN' ? unlessLastAdmin(id, removal) : removal());
    },

    recentTokenNotBefores: (withinMs) => notBeforeRows.recent(pool, withinMs),

    async resendVerificationEmail(principal) {
      if (hasRole(principal, 'SERVICE')) throw forbidden('The platform services’ account has no email to verify');
      if (await directory.emailVerified(principal.id)) {
        throw conflict('EMAIL_ALREADY_VERIFIED', 'Your email address is verified already; log in again to use it');
      }
      await directory.sendVerificationEmail(principal.id);
    },

    passwordPolicy: () => directory.passwordPolicy(),

    async contact(id) {
      const { email, full_name, language } = await existing(id);
      return { id, email, full_name, language };
    },
  };
}

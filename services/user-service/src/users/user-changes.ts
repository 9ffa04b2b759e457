import {
  AppError,
  conflict,
  inTransaction,
  notFound,
  type ConstraintViolation,
  type Logger,
  type Pool,
  type TokenNotBefores,
} from '@clinic/service-kit';
import type { UserProfile } from '@clinic/contracts';
import type { DoctorRecords } from '../doctors/index.ts';
import { userEventsRepository as events } from '../events/index.ts';
import type { IdentityDirectory } from '../identity/index.ts';
import { revokeTokens } from '../revocations/index.ts';
import { leavesNoAdmin } from './rules.ts';
import { EMAIL_UNIQUE, usersRepository as users, type NewUser, type UserChanges } from './repository.ts';

/** What the use cases of the users work with. */
export interface UserDeps {
  pool: Pool;
  directory: IdentityDirectory;
  doctorRecords: DoctorRecords;
  /** Called when an event was recorded in the outbox, so the relay publishes it at once. */
  onEvent: () => void;
  logger: Logger;
  notBefores: TokenNotBefores;
}

/** Any constant, this service's own: the key of the advisory lock under which an admin loses the role. */
const ADMIN_LOSS_LOCK = 0x0b0c_0003;

export const emailTaken = () => conflict('EMAIL_TAKEN', 'A user with this email already exists');

/** A deleted user's token, still unexpired (every service refuses it once told), never makes a profile again. */
export const accountDeleted = () => new AppError(401, 'ACCOUNT_DELETED', 'This account was deleted');

/** A second account for an address another one has (two requests at once pass the check before). */
export const emailViolation = (violation: ConstraintViolation) =>
  violation.kind === 'unique' && violation.constraint === EMAIL_UNIQUE ? emailTaken() : undefined;

export async function existing({ pool }: UserDeps, id: string) {
  const user = await users.findById(pool, id);
  if (!user) throw notFound('User');
  return user;
}

/**
 * Changes the profile and records `user.updated` in one transaction (and, with `revoking`, revokes
 * the user's tokens in it); the relay is nudged to publish.
 */
export async function changed(
  { pool, notBefores, onEvent }: UserDeps,
  id: string,
  changes: UserChanges,
  revoking = false,
): Promise<UserProfile | undefined> {
  let heed = () => {};
  const updated = await inTransaction(pool, async (tx) => {
    const profile = await users.update(tx, id, changes);
    if (profile) await events.recordUpdated(tx, profile);
    if (profile && revoking) heed = await revokeTokens(tx, notBefores, id);
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
export async function unlessLastAdmin<T>({ pool, directory }: UserDeps, userId: string, work: () => Promise<T>): Promise<T> {
  return inTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_LOSS_LOCK]);
    if (leavesNoAdmin(await directory.idsWithRole('ADMIN'), userId)) {
      throw conflict('LAST_ADMIN', 'The platform’s last admin cannot be demoted or deleted; make another admin first');
    }
    return work();
  });
}

/** Ends the user's Keycloak sessions (their refresh tokens); the not-before already refuses their tokens. */
export async function endSessions({ directory, logger }: UserDeps, userId: string) {
  await directory
    .endSessions(userId)
    .catch((error: unknown) => logger.error({ err: error, userId }, 'Keycloak sessions not ended; the tokens are refused all the same'));
}

/** A profile refreshed from Keycloak; `user.updated` only when its name, email or role changed. */
export async function refreshed({ pool, onEvent }: UserDeps, user: Omit<NewUser, 'phone'>): Promise<UserProfile> {
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

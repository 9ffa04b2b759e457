import { AppError, conflict, inTransaction, notFound, translatingViolations, type Principal } from '@clinic/service-kit';
import type { AdminUpdateUserRequest, UserProfile, UserRole } from '@clinic/contracts';
import { userEventsRepository as events } from '../events/index.ts';
import { revokeTokens } from '../revocations/index.ts';
import { changed, emailTaken, emailViolation, endSessions, existing, unlessLastAdmin, type UserDeps } from './user-changes.ts';
import { endsDoctorRecord, mayHaveDoctorRecord } from './rules.ts';
import { usersRepository as users } from './repository.ts';

/** An admin changes a user's name, phone or email, in Keycloak too. */
export async function updateUser(deps: UserDeps, id: string, changes: AdminUpdateUserRequest): Promise<UserProfile> {
  await existing(deps, id);
  if (changes.email && (await users.emailTakenByOther(deps.pool, changes.email, id))) throw emailTaken();
  await deps.directory.updateUser(id, { email: changes.email, full_name: changes.full_name });
  const updated = await translatingViolations(
    () => changed(deps, id, { email: changes.email, full_name: changes.full_name?.trim(), phone: changes.phone }),
    emailViolation,
  );
  if (!updated) throw notFound('User');
  return updated;
}

export async function changeRole(deps: UserDeps, principal: Principal, id: string, role: UserRole): Promise<UserProfile> {
  // Not even an admin: a role is always given or taken by someone else, whose action the audit names.
  if (id === principal.id) throw new AppError(403, 'OWN_ROLE', 'Nobody changes their own role; another admin can');
  const user = await existing(deps, id);
  const change = async () => {
    // The doctor record goes first, and may refuse (409 DOCTOR_HAS_APPOINTMENTS): then nothing changes.
    if (endsDoctorRecord(user.role, role)) await deps.doctorRecords.retire(id);
    await deps.directory.setRole(id, role);
    if (user.role === role) return user;
    // The tokens that carry the old role die everywhere, and so do the sessions that would refresh them.
    const updated = await changed(deps, id, { role }, true);
    if (!updated) throw notFound('User');
    await endSessions(deps, id);
    return updated;
  };
  return user.role === 'ADMIN' && role !== 'ADMIN' ? unlessLastAdmin(deps, id, change) : change();
}

/** `own`: the caller deletes their own account (DELETE /users/me); an admin never deletes their own through /users/{id}. */
export async function removeUser(deps: UserDeps, principal: Principal, id: string, { own = false } = {}): Promise<void> {
  if (id === principal.id && !own) throw conflict('OWN_ACCOUNT', 'An admin cannot delete their own account');
  const user = await existing(deps, id);
  const removal = async () => {
    // A doctor with appointments not ended yet stays (409 DOCTOR_HAS_APPOINTMENTS), and so does the account.
    if (mayHaveDoctorRecord(user.role)) await deps.doctorRecords.retire(id);
    // Deleting the Keycloak user ends their sessions with it.
    await deps.directory.deleteUser(id).catch((error: unknown) => {
      // Already gone from Keycloak: finish the local half.
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    });
    // user.deleted: appointment-service cancels the patient's appointments ahead through its booking
    // queues, takes them off every waitlist, anonymises what the clinic keeps and erases their PDFs;
    // notification-service purges their notifications. user.tokens_revoked: every service refuses the
    // tokens the user still holds, and the profile is never made again.
    const heed = await inTransaction(deps.pool, async (tx) => {
      await users.remove(tx, id);
      await users.anonymiseAudit(tx, id);
      await events.recordDeleted(tx, id);
      return revokeTokens(tx, deps.notBefores, id);
    });
    heed();
    deps.onEvent();
  };
  await (user.role === 'ADMIN' ? unlessLastAdmin(deps, id, removal) : removal());
}

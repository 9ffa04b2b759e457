import { conflict, forbidden, hasRole, notFound, type Principal } from '@clinic/service-kit';
import type { UpdateOwnProfileRequest, UserContact, UserProfile } from '@clinic/contracts';
import { accountDeleted, changed, existing, refreshed, type UserDeps } from './user-changes.ts';
import { canViewUser, roleFromToken } from './rules.ts';
import { usersRepository as users } from './repository.ts';

/** The profile of a token's user, created on first use (users made in Keycloak's console too). */
export async function profileOf({ pool, directory }: UserDeps, principal: Principal): Promise<UserProfile> {
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

export async function updateOwnProfile(deps: UserDeps, principal: Principal, changes: UpdateOwnProfileRequest): Promise<UserProfile> {
  await profileOf(deps, principal);
  // Keycloak's pages and emails (password reset, verification) follow the language too.
  if (changes.full_name || changes.language) {
    await deps.directory.updateUser(principal.id, { full_name: changes.full_name, language: changes.language });
  }
  const updated = await changed(deps, principal.id, {
    full_name: changes.full_name?.trim(),
    phone: changes.phone,
    language: changes.language,
  });
  if (!updated) throw notFound('User');
  return updated;
}

export async function getProfile(deps: UserDeps, principal: Principal, id: string): Promise<UserProfile> {
  // Someone else's profile is answered as missing, not forbidden: its existence is not revealed.
  if (!canViewUser(principal, id)) throw notFound('User');
  if (principal.id === id) return profileOf(deps, principal);
  return existing(deps, id);
}

export async function syncFromKeycloak(deps: UserDeps, principal: Principal, all: boolean): Promise<{ synced: number }> {
  if (!all) {
    if (hasRole(principal, 'SERVICE')) throw forbidden('The platform services’ account has no profile');
    const role = roleFromToken(principal);
    if (role) await refreshed(deps, { id: principal.id, email: principal.email ?? '', full_name: principal.name ?? '', role });
    else await profileOf(deps, principal);
    return { synced: 1 };
  }
  if (!hasRole(principal, 'ADMIN')) throw forbidden('Only an admin may sync every user');
  const everyone = await deps.directory.usersWithRoles();
  for (const user of everyone) {
    if (user.role) await refreshed(deps, { id: user.id, email: user.email, full_name: user.full_name, role: user.role });
  }
  return { synced: everyone.length };
}

export async function resendVerificationEmail({ directory }: UserDeps, principal: Principal): Promise<void> {
  if (hasRole(principal, 'SERVICE')) throw forbidden('The platform services’ account has no email to verify');
  if (await directory.emailVerified(principal.id)) {
    throw conflict('EMAIL_ALREADY_VERIFIED', 'Your email address is verified already; log in again to use it');
  }
  await directory.sendVerificationEmail(principal.id);
}

export async function contactOf(deps: UserDeps, id: string): Promise<UserContact> {
  const { email, full_name, language } = await existing(deps, id);
  return { id, email, full_name, language };
}

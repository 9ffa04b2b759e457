import { translatingViolations } from '@clinic/service-kit';
import type { RegisterRequest, UserProfile } from '@clinic/contracts';
import { emailViolation, type UserDeps } from './user-changes.ts';
import { usersRepository as users } from './repository.ts';

/** A patient's own registration: the Keycloak user, its role, the profile, and the verification email. */
export async function register({ pool, directory, logger }: UserDeps, input: RegisterRequest): Promise<UserProfile> {
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
}

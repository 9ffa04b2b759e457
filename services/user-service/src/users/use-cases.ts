import type { Logger, PageOf, PageRequest, Pool, Principal, TokenNotBefores } from '@clinic/service-kit';
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
import type { DoctorRecords } from '../doctors/index.ts';
import type { IdentityDirectory } from '../identity/index.ts';
import { tokenNotBeforeRepository as notBeforeRows } from '../revocations/index.ts';
import { changeRole, removeUser, updateUser } from './administration.ts';
import { contactOf, getProfile, profileOf, resendVerificationEmail, syncFromKeycloak, updateOwnProfile } from './profile.ts';
import { register } from './registration.ts';
import type { UserDeps } from './user-changes.ts';
import { usersRepository as users } from './repository.ts';

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

/** The users' use cases, each a function of the same dependencies (registration, profile, administration). */
export function userUseCases(
  pool: Pool,
  directory: IdentityDirectory,
  doctorRecords: DoctorRecords,
  onEvent: () => void,
  logger: Logger,
  notBefores: TokenNotBefores,
): UserUseCases {
  const deps: UserDeps = { pool, directory, doctorRecords, onEvent, logger, notBefores };
  return {
    register: (input) => register(deps, input),
    profileOf: (principal) => profileOf(deps, principal),
    updateOwnProfile: (principal, changes) => updateOwnProfile(deps, principal, changes),
    get: (principal, id) => getProfile(deps, principal, id),
    list: (filter) => users.list(pool, filter),
    syncFromKeycloak: (principal, all) => syncFromKeycloak(deps, principal, all),
    update: (id, changes) => updateUser(deps, id, changes),
    changeRole: (principal, id, role) => changeRole(deps, principal, id, role),
    remove: (principal, id, options) => removeUser(deps, principal, id, options),
    recentTokenNotBefores: (withinMs) => notBeforeRows.recent(pool, withinMs),
    resendVerificationEmail: (principal) => resendVerificationEmail(deps, principal),
    passwordPolicy: () => directory.passwordPolicy(),
    contact: (id) => contactOf(deps, id),
  };
}

import { Type, type Static } from 'typebox';
import { Instant, SingleLineText, Uuid } from './http.ts';

export const UserRole = Type.Union([Type.Literal('PATIENT'), Type.Literal('DOCTOR'), Type.Literal('ADMIN')]);
export type UserRole = Static<typeof UserRole>;

const FullName = SingleLineText(200);
const Phone = Type.String({ pattern: '^\\+?[0-9 ()-]{6,20}$', description: 'digits, spaces, ()- and an optional leading +' });
const Email = Type.String({ format: 'email', maxLength: 254 });

/** The language of the user's emails: Romanian (default) or English. */
export const Language = Type.Union([Type.Literal('ro'), Type.Literal('en')]);
export type Language = Static<typeof Language>;

export const UserProfile = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The Keycloak user id (the `sub` of the user’s tokens)' }),
  email: Type.String(),
  full_name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  role: UserRole,
  language: Language,
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});
export type UserProfile = Static<typeof UserProfile>;

export const RegisterRequest = Type.Object(
  {
    full_name: FullName,
    email: Email,
    password: Type.String({ minLength: 1, maxLength: 128 }),
    phone: Type.Optional(Phone),
    // The language of the account's emails and of Keycloak's pages for them (ro when not given).
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
);
export type RegisterRequest = Static<typeof RegisterRequest>;

/** What a new password must be, as realm `clinic`'s password policy says (0 or false: no such rule). */
export const PasswordPolicy = Type.Object({
  min_length: Type.Integer({ minimum: 0 }),
  max_length: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  upper_case: Type.Integer({ minimum: 0, description: 'upper case letters at least' }),
  lower_case: Type.Integer({ minimum: 0, description: 'lower case letters at least' }),
  digits: Type.Integer({ minimum: 0 }),
  special_chars: Type.Integer({ minimum: 0 }),
  not_username: Type.Boolean(),
  not_email: Type.Boolean(),
});
export type PasswordPolicy = Static<typeof PasswordPolicy>;

export const UpdateOwnProfileRequest = Type.Object(
  { full_name: Type.Optional(FullName), phone: Type.Optional(Type.Union([Phone, Type.Null()])), language: Type.Optional(Language) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOwnProfileRequest = Static<typeof UpdateOwnProfileRequest>;

export const AdminUpdateUserRequest = Type.Object(
  {
    full_name: Type.Optional(FullName),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    email: Type.Optional(Email),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AdminUpdateUserRequest = Static<typeof AdminUpdateUserRequest>;

export const ChangeRoleRequest = Type.Object({ role: UserRole }, { additionalProperties: false });

export const UserIdParams = Type.Object({ id: Uuid });

/** How to reach a user, for the platform's own services (internal). */
export const UserContact = Type.Object({ id: Uuid, email: Type.String(), full_name: Type.String(), language: Language });
export type UserContact = Static<typeof UserContact>;

/** A user's profile as user-service's events carry it: what the other services keep copies of. */
export const UserSnapshot = Type.Object({
  id: Uuid,
  full_name: Type.String(),
  email: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  language: Language,
  role: UserRole,
});
export type UserSnapshot = Static<typeof UserSnapshot>;

/**
 * What happened to a user, as stored in user-service's outbox (`user_events`) and published on the
 * `clinic.events` exchange with routing key `user.<type in lower case>`. UPDATED follows every change
 * of the profile or the role, with the profile as it is right after it; DELETED follows the deletion
 * of the account. Consumers deduplicate on `id` (delivery is at least once) and apply an UPDATED only
 * when it is newer (`occurredAt`) than the last one they applied for that user.
 */
export const UserEvent = Type.Union([
  Type.Object({ id: Uuid, type: Type.Literal('UPDATED'), occurredAt: Instant, userId: Uuid, user: UserSnapshot }),
  Type.Object({ id: Uuid, type: Type.Literal('DELETED'), occurredAt: Instant, userId: Uuid }),
]);
export type UserEvent = Static<typeof UserEvent>;

/**
 * A user's tokens issued before `notBefore` are no longer honoured: their role changed or their
 * account was deleted. Stored in user-service's outbox like the events above and published on
 * `clinic.events` as `user.tokens_revoked`; every process that checks tokens remembers the latest
 * `notBefore` of each user (packages/service-kit/src/token-revocations.ts) and refuses older tokens.
 */
export const TokensRevokedEvent = Type.Object({
  id: Uuid,
  type: Type.Literal('TOKENS_REVOKED'),
  occurredAt: Instant,
  userId: Uuid,
  notBefore: Instant,
});
export type TokensRevokedEvent = Static<typeof TokensRevokedEvent>;

/** One user's latest "not before", as user-service keeps it. */
export const TokenNotBefore = Type.Object({ user_id: Uuid, not_before: Type.String({ format: 'date-time' }) });
export type TokenNotBefore = Static<typeof TokenNotBefore>;

/** The not-befores recent enough to matter (internal): what a process starting up must know. */
export const RecentTokenNotBefores = Type.Object({ items: Type.Array(TokenNotBefore) });
export type RecentTokenNotBefores = Static<typeof RecentTokenNotBefores>;

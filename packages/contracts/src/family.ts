import { Type, type Static } from 'typebox';
import { Instant, SingleLineText, Uuid } from './http.ts';

/** How a family member is related to the account holder who books for them. */
export const FamilyRelation = Type.Union([Type.Literal('child'), Type.Literal('parent'), Type.Literal('spouse'), Type.Literal('other')]);
export type FamilyRelation = Static<typeof FamilyRelation>;

/** A calendar date, YYYY-MM-DD. */
const BirthDate = Type.String({ format: 'date', description: 'YYYY-MM-DD, not in the future' });

/** Someone an account holder books for (a child, a parent): the appointment is theirs, the emails go to the account. */
export const FamilyMember = Type.Object({
  id: Uuid,
  user_id: Uuid,
  full_name: Type.String(),
  birth_date: Type.String({ format: 'date' }),
  relation: FamilyRelation,
  created_at: Instant,
  updated_at: Instant,
});
export type FamilyMember = Static<typeof FamilyMember>;

export const FamilyMemberList = Type.Object({ items: Type.Array(FamilyMember) });
export type FamilyMemberList = Static<typeof FamilyMemberList>;

export const CreateFamilyMemberRequest = Type.Object(
  { full_name: SingleLineText(200), birth_date: BirthDate, relation: FamilyRelation },
  { additionalProperties: false },
);
export type CreateFamilyMemberRequest = Static<typeof CreateFamilyMemberRequest>;

export const UpdateFamilyMemberRequest = Type.Object(
  { full_name: Type.Optional(SingleLineText(200)), birth_date: Type.Optional(BirthDate), relation: Type.Optional(FamilyRelation) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateFamilyMemberRequest = Static<typeof UpdateFamilyMemberRequest>;

export const FamilyMemberParams = Type.Object({ id: Uuid });
export const UserFamilyMemberParams = Type.Object({ id: Uuid, memberId: Uuid });

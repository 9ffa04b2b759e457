import { AppError, badRequest, conflict, inTransaction, notFound, type Pool, type Principal } from '@clinic/service-kit';
import type { CreateFamilyMemberRequest, FamilyMember, UpdateFamilyMemberRequest, UserProfile } from '@clinic/contracts';
import { familyRepository as family } from './repository.ts';
import { birthDateRefusal, familyFull, MAX_FAMILY_MEMBERS, tidyName } from './rules.ts';

const memberNotFound = () => new AppError(404, 'FAMILY_MEMBER_NOT_FOUND', 'No such family member of this account');

function requireBirthDate(birthDate: string | undefined) {
  if (birthDate === undefined) return;
  const refusal = birthDateRefusal(birthDate, new Date());
  if (refusal === 'IN_FUTURE') throw badRequest('BIRTH_DATE_IN_FUTURE', 'The birth date cannot be in the future');
  if (refusal === 'TOO_OLD') throw badRequest('BIRTH_DATE_TOO_OLD', 'The birth date is more than 130 years ago');
}

/**
 * The family members of an account: its patient manages their own (someone else's answers 404); the
 * front desk reads a patient's; the other services check whom a booking is for.
 */
export function familyUseCases(pool: Pool, profileOf: (principal: Principal) => Promise<UserProfile>) {
  return {
    async listOwn(principal: Principal): Promise<{ items: FamilyMember[] }> {
      return { items: await family.listOf(pool, principal.id) };
    },

    async add(principal: Principal, request: CreateFamilyMemberRequest): Promise<FamilyMember> {
      requireBirthDate(request.birth_date);
      // The profile is made on first use: the member row names it.
      await profileOf(principal);
      return inTransaction(pool, async (tx) => {
        const count = await family.lockAndCount(tx, principal.id);
        if (count === undefined) throw notFound('User');
        if (familyFull(count)) {
          throw conflict('TOO_MANY_FAMILY_MEMBERS', `An account keeps at most ${MAX_FAMILY_MEMBERS} family members; remove one first`);
        }
        return family.insert(tx, principal.id, { ...request, full_name: tidyName(request.full_name) });
      });
    },

    async update(principal: Principal, id: string, changes: UpdateFamilyMemberRequest): Promise<FamilyMember> {
      requireBirthDate(changes.birth_date);
      const full_name = changes.full_name === undefined ? undefined : tidyName(changes.full_name);
      const updated = await family.update(pool, principal.id, id, { ...changes, full_name });
      if (!updated) throw memberNotFound();
      return updated;
    },

    async remove(principal: Principal, id: string): Promise<void> {
      if (!(await family.remove(pool, principal.id, id))) throw memberNotFound();
    },

    /** A patient's family, for staff. */
    async ofUser(userId: string): Promise<{ items: FamilyMember[] }> {
      return { items: await family.listOf(pool, userId) };
    },

    /** One member of the account's family (internal: whom a booking is for); another account's answers 404. */
    async memberOf(userId: string, id: string): Promise<FamilyMember> {
      const member = await family.find(pool, userId, id);
      if (!member) throw memberNotFound();
      return member;
    },
  };
}

export type FamilyUseCases = ReturnType<typeof familyUseCases>;

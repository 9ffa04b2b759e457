import { forbidden, hasRole, notFound, type Pool, type Principal } from '@clinic/service-kit';
import type { PersonalDataExport } from '@clinic/contracts';
import { familyRepository as family } from '../family/index.ts';
import { usersRepository as users } from '../users/index.ts';
import type { PersonalDataSources } from './personal-data-sources.ts';

/** The caller's own data, gathered from every service that holds some: their export. */
export function personalDataUseCases(pool: Pool, sources: PersonalDataSources) {
  return {
    /** Everything held of the caller (never anyone else's: the id is the token's); 404 once the account is deleted. */
    async exportOf(principal: Principal): Promise<PersonalDataExport> {
      if (hasRole(principal, 'SERVICE')) throw forbidden('The platform services’ account has no profile');
      const profile = await users.findById(pool, principal.id);
      if (!profile) throw notFound('User');
      const [family_members, records, { notifications }] = await Promise.all([
        family.listOf(pool, principal.id),
        sources.patientRecords(principal.id),
        sources.notifications(principal.id),
      ]);
      return { exported_at: new Date().toISOString(), profile, family_members, ...records, notifications };
    },
  };
}

export type PersonalDataUseCases = ReturnType<typeof personalDataUseCases>;

import { callService, forwardError } from '@clinic/service-kit';
import type { FamilyMember, UserContact } from '@clinic/contracts';
import type { UserContacts } from '@clinic/messaging';

/**
 * user-service as bookings see it: whom an admin books for, by id, and the family members an account
 * books for. The contacts are the process's one `followUserServiceContacts`, remembered between user events.
 */
export function patientDirectory(userServiceUrl: string, serviceToken: () => Promise<string>, contacts: Pick<UserContacts, 'contact'>) {
  return {
    /** The user's name, address and language as user-service has them; undefined when it does not know them. */
    contact: (userId: string): Promise<UserContact | undefined> => contacts.contact(userId),

    /** The member of the user's family with this id; undefined when it is not theirs or was removed. */
    async familyMember(userId: string, memberId: string): Promise<FamilyMember | undefined> {
      const answer = await callService<FamilyMember>(`${userServiceUrl}/internal/users/${userId}/family-members/${memberId}`, {
        token: await serviceToken(),
      });
      if (answer.status === 404) return undefined;
      if (answer.status !== 200) forwardError(answer);
      return answer.body;
    },
  };
}

export type PatientDirectory = ReturnType<typeof patientDirectory>;

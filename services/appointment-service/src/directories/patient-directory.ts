import { callService, forwardError } from '@clinic/service-kit';
import type { FamilyMember, UserContact } from '@clinic/contracts';

/** user-service as bookings see it: whom an admin books for, by id, and the family members an account books for. */
export function patientDirectory(userServiceUrl: string, serviceToken: () => Promise<string>) {
  return {
    /** The user's name and address as user-service has them now; undefined when it does not know them. */
    async contact(userId: string): Promise<UserContact | undefined> {
      const answer = await callService<UserContact>(`${userServiceUrl}/internal/users/${userId}/contact`, { token: await serviceToken() });
      if (answer.status === 404) return undefined;
      if (answer.status !== 200) forwardError(answer);
      return answer.body;
    },

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

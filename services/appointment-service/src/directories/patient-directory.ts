import { callService, forwardError } from '@clinic/service-kit';
import type { FamilyMember, UserContact } from '@clinic/contracts';
import { followUserServiceContacts, type Broker, type ConsumeLogger } from '@clinic/messaging';

export interface PatientDirectoryOptions {
  broker: Broker;
  userServiceUrl: string;
  serviceToken: () => Promise<string>;
  logger: ConsumeLogger;
  /** Names the process's queue of user events (the replica's name). */
  name: string;
}

/**
 * user-service as bookings see it: whom an admin books for, by id, and the family members an account
 * books for. One per process: the contacts (bookings at the front desk, the PDF's language) are
 * remembered, and forgotten when user-service's events say the user changed.
 */
export function patientDirectory({ broker, userServiceUrl, serviceToken, logger, name }: PatientDirectoryOptions) {
  const contacts = followUserServiceContacts({ broker, userServiceUrl, serviceToken, logger, name });
  return {
    /** The user's name, address and language as user-service has them; undefined when it does not know them. */
    contact: (userId: string): Promise<UserContact | undefined> => contacts.contact(userId),

    close: () => contacts.close(),

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

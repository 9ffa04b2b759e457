import { callService, forwardError, type Principal } from '@clinic/service-kit';
import type { UserProfile, UserRole } from '@clinic/contracts';

/** Who a call to user-service is made for: the admin's own token travels with it. */
export interface Caller {
  principal: Principal;
}

/** The platform's users, as user-service keeps them, read and changed with the caller's rights. */
export function userDirectory(userServiceUrl: string) {
  const options = (caller: Caller) => ({ token: caller.principal.token });

  return {
    async find(userId: string, caller: Caller): Promise<UserProfile | undefined> {
      const result = await callService<UserProfile>(`${userServiceUrl}/users/${userId}`, options(caller));
      if (result.status === 404) return undefined;
      if (result.status !== 200) forwardError(result);
      return result.body;
    },

    /** Changes the user's role, in Keycloak too: their next token carries it. */
    async setRole(userId: string, role: UserRole, caller: Caller): Promise<void> {
      const result = await callService(`${userServiceUrl}/users/${userId}/role`, { ...options(caller), method: 'PUT', body: { role } });
      if (result.status !== 200) forwardError(result);
    },
  };
}

export type UserDirectory = ReturnType<typeof userDirectory>;

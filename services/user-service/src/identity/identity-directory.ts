import type { PasswordPolicy } from '@clinic/contracts';
import { keycloakAccounts } from './accounts.ts';
import { keycloakAdminCall, type IdentityDirectoryOptions } from './keycloak-admin.ts';
import { parsePasswordPolicy } from './password-policy.ts';
import { realmRoles } from './realm-roles.ts';

/** How long the password policy read from the realm is used before it is read again. */
const POLICY_TTL_MS = 60_000;

/**
 * The users and realm roles kept in Keycloak, reached through its admin API with the services'
 * own client (client credentials). Keycloak's refusals become the platform's error answers.
 */
export function identityDirectory(options: IdentityDirectoryOptions) {
  const call = keycloakAdminCall(options);
  let policy: { value: PasswordPolicy; until: number } | undefined;

  return {
    ...keycloakAccounts(call, options),
    ...realmRoles(call),

    /** The realm's password policy, read at most once a minute. */
    async passwordPolicy(): Promise<PasswordPolicy> {
      if (policy && Date.now() < policy.until) return policy.value;
      const realm = await call((kc) => kc.realms.findOne({ realm: options.realm }));
      const value = parsePasswordPolicy(realm?.passwordPolicy ?? '');
      policy = { value, until: Date.now() + POLICY_TTL_MS };
      return value;
    },
  };
}

export type IdentityDirectory = ReturnType<typeof identityDirectory>;

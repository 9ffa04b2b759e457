import type KcAdminClient from '@keycloak/keycloak-admin-client';
import { unavailable } from '@clinic/service-kit';
import type { UserRole } from '@clinic/contracts';
import type { KeycloakCall } from './keycloak-admin.ts';

/** The roles a person can hold, from least to most privileged. */
export const PLATFORM_ROLES = ['PATIENT', 'DOCTOR', 'ADMIN'] as const satisfies readonly UserRole[];

export interface DirectoryUser {
  id: string;
  email: string;
  full_name: string;
  role: UserRole | undefined;
}

/** The users' realm roles in Keycloak: given, taken, and who holds them. */
export function realmRoles(call: KeycloakCall) {
  const roleRepresentations = new Map<string, { id: string; name: string }>();
  async function roleNamed(kc: KcAdminClient, name: string) {
    let role = roleRepresentations.get(name);
    if (!role) {
      const found = await kc.roles.findOneByName({ name });
      if (!found?.id) throw unavailable(`Realm role ${name} is missing in Keycloak`);
      role = { id: found.id, name };
      roleRepresentations.set(name, role);
    }
    return role;
  }

  return {
    async setRole(id: string, role: UserRole) {
      await call(async (kc) => {
        const current = await kc.users.listRealmRoleMappings({ id });
        const stale = current.filter((r) => r.name && r.name !== role && (PLATFORM_ROLES as readonly string[]).includes(r.name));
        if (stale.length > 0) await kc.users.delRealmRoleMappings({ id, roles: stale.map((r) => ({ id: r.id!, name: r.name! })) });
        if (!current.some((r) => r.name === role)) await kc.users.addRealmRoleMappings({ id, roles: [await roleNamed(kc, role)] });
      });
    },

    /** The ids of the enabled users holding `role`. */
    async idsWithRole(role: UserRole): Promise<string[]> {
      return call(async (kc) => {
        const ids: string[] = [];
        for (let first = 0; ; first += 100) {
          const page = await kc.roles.findUsersWithRole({ name: role, first, max: 100 });
          for (const u of page) if (u.id && u.enabled !== false) ids.push(u.id);
          if (page.length < 100) return ids;
        }
      });
    },

    /** Every user holding a platform role, with that role (the highest when several). */
    async usersWithRoles(): Promise<DirectoryUser[]> {
      return call(async (kc) => {
        const byId = new Map<string, DirectoryUser>();
        // Lowest first so that a user holding several roles ends with the highest one.
        for (const role of PLATFORM_ROLES) {
          for (let first = 0; ; first += 100) {
            const page = await kc.roles.findUsersWithRole({ name: role, first, max: 100 });
            for (const u of page) {
              if (!u.id || !u.email) continue;
              const full_name = [u.firstName, u.lastName].filter(Boolean).join(' ') || u.username || u.email;
              byId.set(u.id, { id: u.id, email: u.email, full_name, role });
            }
            if (page.length < 100) break;
          }
        }
        return [...byId.values()];
      });
    },
  };
}

import KcAdminClient from '@keycloak/keycloak-admin-client';
import { AppError, badRequest, conflict, unavailable } from '@clinic/service-kit';
import type { Language, PasswordPolicy, UserRole } from '@clinic/contracts';
import { isPasswordPolicyRefusal, parsePasswordPolicy } from './password-policy.ts';
import { fullNameParts, PLATFORM_ROLES } from './user-rules.ts';

export interface DirectoryUser {
  id: string;
  email: string;
  full_name: string;
  role: UserRole | undefined;
}

export interface IdentityDirectoryOptions {
  baseUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  /** Where the link in Keycloak's verification email leads back to: the web app's public origin. */
  publicUrl: string;
}

/** The web app's client: Keycloak's emailed links lead back to it. */
const WEB_CLIENT_ID = 'clinic-web';
/** How long the password policy read from the realm is used before it is read again. */
const POLICY_TTL_MS = 60_000;

interface KeycloakFailure {
  response?: { status: number };
  responseData?: { errorMessage?: string; error_description?: string; error?: string };
}

/**
 * The users and realm roles kept in Keycloak, reached through its admin API with the services'
 * own client (client credentials). Keycloak's refusals become the platform's error answers.
 */
export function identityDirectory(options: IdentityDirectoryOptions) {
  const admin = new KcAdminClient({ baseUrl: options.baseUrl, realmName: options.realm });
  let tokenExpiresAt = 0;

  async function client() {
    if (Date.now() >= tokenExpiresAt) {
      await admin
        .auth({ grantType: 'client_credentials', clientId: options.clientId, clientSecret: options.clientSecret })
        .catch((error: unknown) => {
          throw unavailable(`Keycloak admin API unavailable: ${error instanceof Error ? error.message : String(error)}`);
        });
      // Tokens live 300 s; renew well before.
      tokenExpiresAt = Date.now() + 240_000;
    }
    return admin;
  }

  async function call<T>(action: (kc: KcAdminClient) => Promise<T>): Promise<T> {
    const kc = await client();
    try {
      return await action(kc);
    } catch (error) {
      if (error instanceof AppError) throw error;
      const failure = error as KeycloakFailure;
      const status = failure.response?.status;
      const reason = failure.responseData?.errorMessage ?? failure.responseData?.error_description ?? failure.responseData?.error;
      if (status === 409) throw conflict('EMAIL_TAKEN', 'A user with this email already exists');
      if (status === 400 && isPasswordPolicyRefusal(reason)) {
        // Keycloak's words stay in the message for the command line; the web app says it in its own (RO/EN).
        throw badRequest('WEAK_PASSWORD', `The password does not meet the password policy (GET /api/users/password-policy): ${reason}`);
      }
      if (status === 400) throw badRequest('REJECTED_BY_IDENTITY_PROVIDER', reason ?? 'Keycloak rejected the request');
      if (status === 404) throw new AppError(404, 'NOT_FOUND', 'User not found in Keycloak');
      throw unavailable(`Keycloak admin API failed${status ? ` (${status})` : ''}: ${reason ?? String(error)}`);
    }
  }

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

  async function setRole(id: string, role: UserRole) {
    await call(async (kc) => {
      const current = await kc.users.listRealmRoleMappings({ id });
      const stale = current.filter((r) => r.name && r.name !== role && (PLATFORM_ROLES as readonly string[]).includes(r.name));
      if (stale.length > 0) await kc.users.delRealmRoleMappings({ id, roles: stale.map((r) => ({ id: r.id!, name: r.name! })) });
      if (!current.some((r) => r.name === role)) await kc.users.addRealmRoleMappings({ id, roles: [await roleNamed(kc, role)] });
    });
  }

  let policy: { value: PasswordPolicy; until: number } | undefined;

  return {
    /**
     * Creates an enabled user with a password and an email still to verify; answers the new Keycloak
     * id. `locale` is the language of Keycloak's pages and emails for them.
     */
    async createUser(user: { email: string; full_name: string; password: string; language: Language }): Promise<string> {
      const { id } = await call((kc) =>
        kc.users.create({
          username: user.email,
          email: user.email,
          emailVerified: false,
          enabled: true,
          attributes: { locale: [user.language] },
          ...fullNameParts(user.full_name),
          credentials: [{ type: 'password', value: user.password, temporary: false }],
        }),
      );
      return id;
    },

    setRole,

    /** Keycloak emails the user a link that verifies their address and leads back to the web app. */
    async sendVerificationEmail(id: string) {
      await call((kc) =>
        kc.users.sendVerifyEmail({ id, clientId: WEB_CLIENT_ID, redirectUri: `${options.publicUrl.replace(/\/+$/, '')}/` }),
      );
    },

    async emailVerified(id: string): Promise<boolean> {
      const user = await call((kc) => kc.users.findOne({ id }));
      if (!user) throw new AppError(404, 'NOT_FOUND', 'User not found in Keycloak');
      return user.emailVerified === true;
    },

    /** The realm's password policy, read at most once a minute. */
    async passwordPolicy(): Promise<PasswordPolicy> {
      if (policy && Date.now() < policy.until) return policy.value;
      const realm = await call((kc) => kc.realms.findOne({ realm: options.realm }));
      const value = parsePasswordPolicy(realm?.passwordPolicy ?? '');
      policy = { value, until: Date.now() + POLICY_TTL_MS };
      return value;
    },

    async updateUser(id: string, changes: { email?: string; full_name?: string; language?: Language }) {
      await call(async (kc) => {
        // Keycloak replaces the attributes a representation carries: the others are read and kept.
        const attributes = changes.language ? { ...(await kc.users.findOne({ id }))?.attributes, locale: [changes.language] } : undefined;
        await kc.users.update(
          { id },
          {
            ...(changes.email ? { email: changes.email } : {}),
            ...(changes.full_name ? fullNameParts(changes.full_name) : {}),
            ...(attributes ? { attributes } : {}),
          },
        );
      });
    },

    async deleteUser(id: string) {
      await call((kc) => kc.users.del({ id }));
    },

    /** Ends every session of the user (POST …/users/{id}/logout): their refresh tokens stop working. */
    async endSessions(id: string) {
      await call((kc) => kc.users.logout({ id }));
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

export type IdentityDirectory = ReturnType<typeof identityDirectory>;

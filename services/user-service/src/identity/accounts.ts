import { AppError } from '@clinic/service-kit';
import type { Language } from '@clinic/contracts';
import type { IdentityDirectoryOptions, KeycloakCall } from './keycloak-admin.ts';

/** The web app's client: Keycloak's emailed links lead back to it. */
const WEB_CLIENT_ID = 'clinic-web';

/** Keycloak keeps first and last names apart; the platform keeps one full name. */
export function fullNameParts(fullName: string): { firstName: string; lastName: string } {
  const words = fullName.trim().split(/\s+/);
  if (words.length === 1) return { firstName: words[0]!, lastName: words[0]! };
  return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1)! };
}

/** The users' accounts in Keycloak: made, changed, verified, logged out and deleted. */
export function keycloakAccounts(call: KeycloakCall, options: IdentityDirectoryOptions) {
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
  };
}

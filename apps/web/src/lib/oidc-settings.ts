import { InMemoryWebStorage, WebStorageStateStore, type UserManagerSettings } from 'oidc-client-ts';

/** Keycloak's `clinic-web` client under the same origin: authorization code with PKCE (oidc-client-ts's only flow). */
export function oidcSettings(origin = window.location.origin): UserManagerSettings {
  return {
    authority: `${origin}/auth/realms/clinic`,
    client_id: 'clinic-web',
    redirect_uri: `${origin}/signed-in`,
    silent_redirect_uri: `${origin}/silent-renew.html`,
    post_logout_redirect_uri: `${origin}/`,
    scope: 'openid profile email',
    automaticSilentRenew: true,
    // Tokens live in memory only: a reload asks Keycloak's session again (silently) instead of reading storage.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
  };
}

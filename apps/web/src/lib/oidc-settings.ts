import { InMemoryWebStorage, WebStorageStateStore, type UserManagerSettings } from 'oidc-client-ts';

/** Keycloak's `clinic-web` client under the same origin: authorization code with PKCE (oidc-client-ts's only flow). */
export function oidcSettings(origin = window.location.origin): UserManagerSettings {
  const realm = `${origin}/auth/realms/clinic`;
  const endpoint = (name: string) => `${realm}/protocol/openid-connect/${name}`;
  return {
    authority: realm,
    // Keycloak names its back-channel endpoints after the host that asked for its discovery document,
    // which behind the gateway is Keycloak's internal address: the browser uses the public origin's.
    metadataSeed: {
      authorization_endpoint: endpoint('auth'),
      token_endpoint: endpoint('token'),
      userinfo_endpoint: endpoint('userinfo'),
      end_session_endpoint: endpoint('logout'),
      revocation_endpoint: endpoint('revoke'),
      jwks_uri: endpoint('certs'),
    },
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

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useAuth, type AuthContextProps } from 'react-oidc-context';
import { useTokenSource } from '../../../lib/api.ts';
import { i18n } from '../../../lib/i18n.ts';

interface Session {
  /** Whether the app has asked Keycloak (silently) for a session yet; until then "logged out" is not known. */
  checked: boolean;
}

const SessionContext = createContext<Session>({ checked: false });

/** One silent attempt per page load, however often the effect runs (React's strict mode runs it twice). */
let silentAttempt: Promise<unknown> | undefined;

/**
 * Tokens are kept in memory only, so after a reload the user is logged out until Keycloak's own session
 * (its cookie on /auth) is asked silently, in a hidden frame; a user without one stays anonymous.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const [checked, setChecked] = useState(false);
  useTokenSource(() => auth.user?.access_token);

  useEffect(() => {
    if (auth.isLoading || checked) return;
    if (auth.isAuthenticated) {
      setChecked(true);
      return;
    }
    let cancelled = false;
    silentAttempt ??= auth.signinSilent().catch(() => undefined);
    void silentAttempt.finally(() => cancelled || setChecked(true));
    return () => {
      cancelled = true;
    };
    // Once, when the provider has settled.
  }, [auth.isLoading, auth.isAuthenticated, checked]);

  return <SessionContext.Provider value={{ checked: checked || auth.isAuthenticated }}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);

/**
 * Sends the browser to Keycloak's login page (or, with `kc_action`, one of its account actions) once the page load's silent check has ended. Both use
 * Keycloak's one authentication session of this browser: a check still running in its hidden frame when
 * the login page opens ends that session's login form ("expired code"), and the user's first login
 * attempt fails (seen after a registration on a loaded machine).
 */
export async function redirectToLogin(auth: AuthContextProps, args?: Parameters<AuthContextProps['signinRedirect']>[0]) {
  await silentAttempt;
  // Keycloak's pages (login, registration, reset, verification) in the app's current language.
  return auth.signinRedirect({ ui_locales: i18n.language, ...args });
}

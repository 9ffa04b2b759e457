import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from 'react-oidc-context';
import { useLocation } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import type { Role } from '../../../lib/types.ts';
import { useMe } from '../api/me.ts';
import { redirectToLogin, useSession } from '../hooks/session.tsx';

/** Shows its children to a logged-in user with one of the roles; sends anyone else to log in. */
export function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const { checked } = useSession();
  const location = useLocation();
  const me = useMe();
  const mustLogIn = checked && !auth.isLoading && !auth.isAuthenticated;

  useEffect(() => {
    if (mustLogIn) void redirectToLogin(auth, { state: { returnTo: location.pathname + location.search } });
  }, [mustLogIn, auth, location.pathname, location.search]);

  if (!auth.isAuthenticated) return <Loading label={mustLogIn ? t('auth.redirecting') : undefined} />;
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorMessage error={me.error} />;
  if (roles && !roles.includes(me.data.role)) {
    return (
      <section className="page">
        <h1>{t('auth.forbiddenTitle')}</h1>
        <p>{t('auth.forbidden')}</p>
      </section>
    );
  }
  return <>{children}</>;
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from 'react-oidc-context';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';

/** Where Keycloak sends the browser back after login: on to the page that asked for it. */
export function SignedIn() {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  useEffect(() => {
    if (auth.isLoading || !auth.user) return;
    const returnTo = (auth.user.state as { returnTo?: string } | undefined)?.returnTo;
    void navigate(returnTo && returnTo.startsWith('/') ? returnTo : '/', { replace: true });
  }, [auth.isLoading, auth.user, navigate]);
  if (auth.error && !auth.isLoading) {
    return (
      <section className="page">
        <h1>{t('auth.failedTitle')}</h1>
        <ErrorMessage error={auth.error} />
      </section>
    );
  }
  return <Loading />;
}

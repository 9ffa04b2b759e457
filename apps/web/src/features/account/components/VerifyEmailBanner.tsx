import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from 'react-oidc-context';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { ApiError } from '../../../lib/api.ts';
import { useResendVerification } from '../api/account.ts';

/**
 * Shown while the signed-in user's token says their email is not verified: a patient cannot book until
 * it is. Coming back to the tab (after following the emailed link elsewhere) asks Keycloak for fresh
 * tokens, which then say it is verified, and the banner goes.
 */
export function VerifyEmailBanner() {
  const { t } = useTranslation();
  const auth = useAuth();
  const resend = useResendVerification();
  const unverified = auth.isAuthenticated && auth.user?.profile.email_verified === false;

  useEffect(() => {
    if (!unverified) return;
    const renew = () => void auth.signinSilent().catch(() => undefined);
    window.addEventListener('focus', renew);
    return () => window.removeEventListener('focus', renew);
  }, [unverified]);

  if (!unverified) return null;
  const sendAgain = () =>
    resend.mutate(undefined, {
      // Verified meanwhile (the link was followed): fresh tokens say so, and the banner goes.
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'EMAIL_ALREADY_VERIFIED') void auth.signinSilent().catch(() => undefined);
      },
    });

  return (
    <section className="banner" aria-live="polite">
      <p>{t('account.unverified', { email: auth.user?.profile.email ?? '' })}</p>
      {resend.isSuccess ? (
        <p role="status">{t('account.sent')}</p>
      ) : (
        <button type="button" className="secondary" onClick={sendAgain} disabled={resend.isPending}>
          {resend.isPending ? t('common.working') : t('account.sendAgain')}
        </button>
      )}
      <ErrorMessage error={resend.error} />
    </section>
  );
}

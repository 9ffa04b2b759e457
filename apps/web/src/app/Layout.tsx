import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from 'react-oidc-context';
import { NavLink, Outlet, useLocation } from 'react-router';
import { chooseLanguage, LANGUAGES } from '../lib/i18n.ts';
import type { Language, Role } from '../lib/types.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useMe, useUpdateMe } from '../features/auth/api/me.ts';
import { VerifyEmailBanner } from '../features/account/components/VerifyEmailBanner.tsx';
import { redirectToLogin } from '../features/auth/hooks/session.tsx';

const LINKS: Record<Role | 'ANONYMOUS', { to: string; label: string }[]> = {
  ANONYMOUS: [
    { to: '/', label: 'nav.find' },
    { to: '/register', label: 'nav.register' },
  ],
  PATIENT: [
    { to: '/', label: 'nav.find' },
    { to: '/appointments', label: 'nav.appointments' },
    { to: '/waitlist', label: 'nav.waitlist' },
    { to: '/notifications', label: 'nav.notifications' },
    { to: '/profile', label: 'nav.profile' },
  ],
  DOCTOR: [
    { to: '/agenda', label: 'nav.agenda' },
    { to: '/agenda/calendar', label: 'nav.calendar' },
    { to: '/notifications', label: 'nav.notifications' },
    { to: '/profile', label: 'nav.profile' },
  ],
  ADMIN: [
    { to: '/admin/users', label: 'nav.admin' },
    { to: '/', label: 'nav.find' },
    { to: '/profile', label: 'nav.profile' },
  ],
};

export function Layout() {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const me = useMe();
  const updateMe = useUpdateMe();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const languageId = useId();
  const role: Role | 'ANONYMOUS' = auth.isAuthenticated && me.data ? me.data.role : 'ANONYMOUS';
  const savedLanguage = me.data?.language;

  // A preference stored with the profile wins over this browser's on login.
  useEffect(() => {
    if (savedLanguage && savedLanguage !== i18n.language) void chooseLanguage(savedLanguage);
    // Only when the stored preference arrives or changes, not on every switch in this browser.
  }, [savedLanguage]);

  // After a navigation, focus moves to the new page's content (as a full page load would).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  const switchLanguage = (language: Language) => {
    void chooseLanguage(language);
    if (me.data && me.data.language !== undefined && me.data.language !== language) updateMe.mutate({ language });
  };

  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="header">
        <NavLink to="/" className="brand">
          {t('app.name')}
        </NavLink>
        <nav aria-label={t('nav.main')}>
          <ul>
            {LINKS[role].map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.to === '/' || link.to === '/agenda'}>
                  {t(link.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <label htmlFor={languageId} className="sr-only">
            {t('nav.language')}
          </label>
          <select id={languageId} value={i18n.language} onChange={(event) => switchLanguage(event.target.value as Language)}>
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {language === 'ro' ? 'Română' : 'English'}
              </option>
            ))}
          </select>
          {auth.isAuthenticated ? (
            <button type="button" className="secondary" onClick={() => void auth.signoutRedirect()}>
              {t('nav.logout')}
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              onClick={() => void redirectToLogin(auth, { state: { returnTo: location.pathname + location.search } })}
            >
              {t('nav.login')}
            </button>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {/* The language chosen in the header could not be saved with the profile (this browser keeps it). */}
        <ErrorMessage error={updateMe.error} />
        <VerifyEmailBanner />
        <Outlet />
      </main>
    </>
  );
}

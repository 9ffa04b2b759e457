import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';

const SECTIONS = ['users', 'specializations', 'cabinets', 'visit-types', 'doctors', 'appointments', 'day', 'book'] as const;
/** Sections whose words live in their own feature's namespace. */
const OWN_SECTIONS = [
  { path: 'closed-days', label: 'closedDays.nav' },
  { path: 'system', label: 'system.nav' },
] as const;

export function AdminLayout() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('admin.title')}</h1>
      <nav className="subnav" aria-label={t('admin.title')}>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section}>
              <NavLink to={`/admin/${section}`}>{section === 'visit-types' ? t('visitTypes.admin.title') : t(`admin.${section}`)}</NavLink>
            </li>
          ))}
          {OWN_SECTIONS.map((section) => (
            <li key={section.path}>
              <NavLink to={`/admin/${section.path}`}>{t(section.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </section>
  );
}

import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Navigate, useRouteError } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { RequireRole } from '../features/auth/components/RequireRole.tsx';
import { SignedIn } from '../features/auth/components/SignedIn.tsx';
import { DoctorPage } from '../features/doctors/components/DoctorPage.tsx';
import { DoctorSearch } from '../features/doctors/components/DoctorSearch.tsx';
import { RegisterPage } from '../features/register/components/RegisterPage.tsx';
import type { Role } from '../lib/types.ts';
import { Layout } from './Layout.tsx';

// Pages a patient does not need load on demand: the first load stays small.
const MyAppointments = lazy(() =>
  import('../features/appointments/components/MyAppointments.tsx').then((m) => ({ default: m.MyAppointments })),
);
const WaitlistPage = lazy(() => import('../features/waitlist/components/WaitlistPage.tsx').then((m) => ({ default: m.WaitlistPage })));
const Notifications = lazy(() =>
  import('../features/notifications/components/Notifications.tsx').then((m) => ({ default: m.Notifications })),
);
const ProfilePage = lazy(() => import('../features/profile/components/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));
const Agenda = lazy(() => import('../features/agenda/components/Agenda.tsx').then((m) => ({ default: m.Agenda })));
const OwnCalendar = lazy(() => import('../features/agenda/components/OwnCalendar.tsx').then((m) => ({ default: m.OwnCalendar })));
const TimelinePage = lazy(() => import('../features/timeline/components/TimelinePage.tsx').then((m) => ({ default: m.TimelinePage })));
const AdminLayout = lazy(() => import('../features/admin/components/AdminLayout.tsx').then((m) => ({ default: m.AdminLayout })));
const UsersAdmin = lazy(() => import('../features/admin/components/UsersAdmin.tsx').then((m) => ({ default: m.UsersAdmin })));
const VisitTypesAdmin = lazy(() =>
  import('../features/admin/components/VisitTypesAdmin.tsx').then((m) => ({ default: m.VisitTypesAdmin })),
);
const CatalogAdmin = lazy(() => import('../features/admin/components/CatalogAdmin.tsx').then((m) => ({ default: m.CatalogAdmin })));
const DoctorsAdmin = lazy(() => import('../features/admin/components/DoctorsAdmin.tsx').then((m) => ({ default: m.DoctorsAdmin })));
const DoctorCalendarAdmin = lazy(() =>
  import('../features/admin/components/DoctorsAdmin.tsx').then((m) => ({ default: m.DoctorCalendarAdmin })),
);
const ClosedDaysAdmin = lazy(() =>
  import('../features/closed-days/components/ClosedDaysAdmin.tsx').then((m) => ({ default: m.ClosedDaysAdmin })),
);
const SystemPage = lazy(() => import('../features/system/components/SystemPage.tsx').then((m) => ({ default: m.SystemPage })));
const TracePage = lazy(() => import('../features/system/components/TracePage.tsx').then((m) => ({ default: m.TracePage })));
const ClinicDay = lazy(() => import('../features/admin/components/ClinicDay.tsx').then((m) => ({ default: m.ClinicDay })));
const FrontDesk = lazy(() => import('../features/admin/components/FrontDesk.tsx').then((m) => ({ default: m.FrontDesk })));
const EmailLinkPage = lazy(() => import('../features/email-link/components/EmailLinkPage.tsx').then((m) => ({ default: m.EmailLinkPage })));
const AppointmentsAdmin = lazy(() =>
  import('../features/admin/components/AppointmentsAdmin.tsx').then((m) => ({ default: m.AppointmentsAdmin })),
);

const guarded = (roles: Role[] | undefined, page: ReactNode) => (
  <RequireRole roles={roles}>
    <Suspense fallback={<Loading />}>{page}</Suspense>
  </RequireRole>
);

function RouteError() {
  const error = useRouteError();
  return (
    <section className="page">
      <ErrorMessage error={error} />
      <Link to="/">⟵</Link>
    </section>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <DoctorSearch /> },
      { path: 'doctors/:id', element: <DoctorPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'signed-in', element: <SignedIn /> },
      // An appointment email's signed link: no login, the link is the permission.
      {
        path: 'a/:token',
        element: (
          <Suspense fallback={<Loading />}>
            <EmailLinkPage />
          </Suspense>
        ),
      },
      { path: 'appointments', element: guarded(['PATIENT'], <MyAppointments />) },
      { path: 'waitlist', element: guarded(['PATIENT'], <WaitlistPage />) },
      { path: 'notifications', element: guarded(undefined, <Notifications />) },
      { path: 'profile', element: guarded(undefined, <ProfilePage />) },
      { path: 'agenda', element: guarded(['DOCTOR'], <Agenda />) },
      { path: 'agenda/calendar', element: guarded(['DOCTOR'], <OwnCalendar />) },
      { path: 'appointments/:id/timeline', element: guarded(['DOCTOR', 'ADMIN'], <TimelinePage />) },
      {
        path: 'admin',
        element: guarded(['ADMIN'], <AdminLayout />),
        children: [
          { index: true, element: <Navigate to="/admin/users" replace /> },
          { path: 'users', element: <UsersAdmin /> },
          { path: 'specializations', element: <CatalogAdmin key="specializations" kind="specializations" /> },
          { path: 'cabinets', element: <CatalogAdmin key="cabinets" kind="cabinets" /> },
          { path: 'visit-types', element: <VisitTypesAdmin /> },
          { path: 'doctors', element: <DoctorsAdmin /> },
          { path: 'doctors/:id', element: <DoctorCalendarAdmin /> },
          { path: 'appointments', element: <AppointmentsAdmin /> },
          { path: 'day', element: <ClinicDay /> },
          { path: 'book', element: <FrontDesk /> },
          { path: 'closed-days', element: <ClosedDaysAdmin /> },
          { path: 'system', element: <SystemPage /> },
          { path: 'system/traces/:traceId', element: <TracePage /> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

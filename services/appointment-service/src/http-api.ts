import { auditRoute, type App, type Authenticator, type Pool } from '@clinic/service-kit';
import {
  appointmentReadRoutes,
  bookingRoutes,
  internalEventRoutes,
  internalRoutes,
  listingRoutes,
  statusRoutes,
  type AppointmentUseCases,
} from './appointments/index.ts';
import { doctorCalendarRoutes, type DoctorCalendarUseCases } from './doctor-calendar/index.ts';
import { internalPdfRoutes, pdfRoutes, type PdfLinkUseCases } from './documents/index.ts';
import { emailLinkRoutes, type EmailLinkUseCases } from './email-links/index.ts';
import { personalDataRoutes, type PatientRecordsUseCases } from './people/index.ts';
import { timelineRoutes, type TimelineUseCases } from './timeline/index.ts';
import { waitlistRoutes, type WaitlistUseCases } from './waitlist/index.ts';

/** What the routes' handlers call; registering them calls none of it. */
export interface HttpApiDeps {
  auth: Authenticator;
  /** The audit trail's and the outbox's database. */
  pool: Pool;
  appointments: AppointmentUseCases;
  pdfLinks: PdfLinkUseCases;
  emailLinks: EmailLinkUseCases;
  waitlist: WaitlistUseCases;
  doctorCalendar: DoctorCalendarUseCases;
  patientRecords: PatientRecordsUseCases;
  timeline: TimelineUseCases;
}

/** Every HTTP route of appointment-service. */
export function registerHttpApi(app: App, deps: HttpApiDeps): void {
  const { auth, appointments } = deps;
  auditRoute(app, auth, deps.pool, '/appointments/audit', 'appointments');
  bookingRoutes(app, auth, appointments);
  listingRoutes(app, auth, appointments);
  appointmentReadRoutes(app, auth, appointments);
  pdfRoutes(app, auth, deps.pdfLinks);
  timelineRoutes(app, auth, deps.timeline);
  emailLinkRoutes(app, deps.emailLinks);
  statusRoutes(app, auth, appointments);
  waitlistRoutes(app, auth, deps.waitlist);
  doctorCalendarRoutes(app, auth, deps.doctorCalendar);
  internalRoutes(app, auth, appointments);
  internalEventRoutes(app, auth, deps.pool);
  internalPdfRoutes(app, auth, deps.pdfLinks);
  personalDataRoutes(app, auth, deps.patientRecords);
}

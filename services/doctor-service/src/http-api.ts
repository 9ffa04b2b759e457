import { auditRoute, type App, type Authenticator, type Pool } from '@clinic/service-kit';
import type { Cabinet, Specialization } from '@clinic/contracts';
import { availabilityRoutes, type AvailabilityUseCase, type AvailableSlotsUseCase } from './availability/index.ts';
import { closedDaysRoutes, type ClosedDayUseCases } from './closed-days/index.ts';
import { catalogRoutes, type CatalogUseCases } from './catalog/index.ts';
import {
  bookingLimitsRoutes,
  doctorInternalRoutes,
  doctorsRoutes,
  type BookingLimitsUseCases,
  type DoctorUseCases,
} from './doctors/index.ts';
import { scheduleInternalRoutes, schedulesRoutes, type ScheduleUseCases } from './schedules/index.ts';
import { visitTypeRoutes, type VisitTypeUseCases } from './visit-types/index.ts';

/** What the routes' handlers call; registering them calls none of it. */
export interface HttpApiDeps {
  auth: Authenticator;
  /** The audit trail's database. */
  pool: Pool;
  catalog: { specializations: CatalogUseCases<Specialization>; cabinets: CatalogUseCases<Cabinet> };
  doctors: DoctorUseCases;
  bookingLimits: BookingLimitsUseCases;
  schedules: ScheduleUseCases;
  closedDays: ClosedDayUseCases;
  availability: { availableSlots: AvailableSlotsUseCase; availability: AvailabilityUseCase };
  visitTypes: VisitTypeUseCases;
}

/** Every HTTP route of doctor-service. */
export function registerHttpApi(app: App, deps: HttpApiDeps): void {
  const { auth } = deps;
  auditRoute(app, auth, deps.pool, '/doctors/audit', 'doctors');
  catalogRoutes(app, auth, deps.catalog);
  closedDaysRoutes(app, auth, deps.closedDays);
  doctorsRoutes(app, auth, deps.doctors);
  bookingLimitsRoutes(app, auth, deps.bookingLimits);
  schedulesRoutes(app, auth, deps.schedules);
  availabilityRoutes(app, deps.availability);
  visitTypeRoutes(app, auth, deps.visitTypes);
  scheduleInternalRoutes(app, auth, deps.schedules);
  doctorInternalRoutes(app, auth, deps.doctors);
}

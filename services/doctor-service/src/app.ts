import {
  auditRoute,
  createHttpServer,
  keycloakIdentity,
  openServiceDatabase,
  recordAdminActions,
  type ServiceContext,
  type Static,
} from '@clinic/service-kit';
import { availabilityUseCase } from './availability.ts';
import { busyTimes } from './busy-times.ts';
import { availabilityRoutes } from './availability-routes.ts';
import { catalogUseCases } from './catalog.ts';
import { cabinetsTable, specializationsTable } from './catalog-repository.ts';
import { catalogRoutes } from './catalog-routes.ts';
import type { configSchema } from './config.ts';
import { doctorUseCases } from './doctors.ts';
import { doctorsRoutes } from './doctors-routes.ts';
import { internalRoutes } from './internal-routes.ts';
import { scheduleUseCases } from './schedules.ts';
import { schedulesRoutes } from './schedules-routes.ts';
import { userDirectory } from './user-directory.ts';

export async function build({ config, logger, onShutdown }: ServiceContext<Static<typeof configSchema>>) {
  const { pool, ready } = await openServiceDatabase({ config, migrations: new URL('../migrations', import.meta.url), logger, onShutdown });

  const { auth, serviceToken } = keycloakIdentity(config);
  const busy = busyTimes({ appointmentServiceUrl: config.APPOINTMENT_SERVICE_URL, serviceToken });
  const calendar = { timeZone: config.CLINIC_TIME_ZONE, horizonDays: config.BOOKING_HORIZON_DAYS };

  const app = await createHttpServer({
    name: 'doctor-service',
    description: 'Doctors, specializations, cabinets, weekly schedules, time off and available slots',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: { database: ready },
  });
  await recordAdminActions(app, pool);
  auditRoute(app, auth, pool, '/doctors/audit', 'doctors');
  catalogRoutes(app, auth, {
    specializations: catalogUseCases(pool, specializationsTable, 'Specialization'),
    cabinets: catalogUseCases(pool, cabinetsTable, 'Cabinet'),
  });
  doctorsRoutes(app, auth, doctorUseCases(pool, userDirectory(config.USER_SERVICE_URL), busy, logger));
  const schedules = scheduleUseCases(pool, busy, calendar);
  schedulesRoutes(app, auth, schedules);
  availabilityRoutes(app, availabilityUseCase(pool, busy, calendar));
  internalRoutes(app, auth, schedules);
  return app;
}

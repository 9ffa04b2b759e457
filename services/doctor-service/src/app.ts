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
import { catalogUseCases } from './catalog.ts';
import { cabinetsTable, specializationsTable } from './catalog-repository.ts';
import type { configSchema } from './config.ts';
import { doctorUseCases } from './doctors.ts';
import { doctorsRepository } from './doctors-repository.ts';
import { doctorServiceRoutes } from './routes.ts';
import { scheduleUseCases } from './schedules.ts';
import { schedulesRepository } from './schedules-repository.ts';
import { userDirectory } from './user-directory.ts';

export async function build({ config, logger, onShutdown }: ServiceContext<Static<typeof configSchema>>) {
  const pool = await openServiceDatabase({ config, migrations: new URL('../migrations', import.meta.url), logger, onShutdown });

  const { auth, serviceToken } = keycloakIdentity(config);
  const busy = busyTimes({ appointmentServiceUrl: config.APPOINTMENT_SERVICE_URL, serviceToken });
  const doctors = doctorsRepository(pool);
  const calendar = { timeZone: config.CLINIC_TIME_ZONE, horizonDays: config.BOOKING_HORIZON_DAYS };

  const app = await createHttpServer({
    name: 'doctor-service',
    description: 'Doctors, specializations, cabinets, weekly schedules, time off and available slots',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: { database: () => pool.query('SELECT 1') },
  });
  await recordAdminActions(app, pool);
  auditRoute(app, auth, pool, '/doctors/audit', 'doctors');
  doctorServiceRoutes(app, auth, {
    specializations: catalogUseCases(specializationsTable(pool), 'Specialization'),
    cabinets: catalogUseCases(cabinetsTable(pool), 'Cabinet'),
    doctors: doctorUseCases(doctors, userDirectory(config.USER_SERVICE_URL), busy, logger),
    schedules: scheduleUseCases(schedulesRepository(pool), doctors, busy, calendar),
    availability: availabilityUseCase(schedulesRepository(pool), doctors, busy, calendar),
  });
  return app;
}

import {
  auditRoute,
  createHttpServer,
  keycloakIdentity,
  openServiceDatabase,
  recordAdminActions,
  type ServiceContext,
  type Static,
} from '@clinic/service-kit';
import { connectBroker, followUserServiceRevocations } from '@clinic/messaging';
import { appointmentChecks } from './appointment-checks.ts';
import { availabilityUseCase } from './availability.ts';
import { busyTimes } from './busy-times.ts';
import { calendarCache, listenForCalendarChanges } from './calendar-cache.ts';
import { availabilityRoutes } from './availability-routes.ts';
import { catalogUseCases } from './catalog.ts';
import { cabinetsTable, specializationsTable } from './catalog-repository.ts';
import { catalogRoutes } from './catalog-routes.ts';
import type { configSchema } from './config.ts';
import { doctorUseCases } from './doctors.ts';
import { doctorsRoutes } from './doctors-routes.ts';
import { internalRoutes } from './internal-routes.ts';
import { scheduleUseCases } from './schedules.ts';
import { schedulesRepository } from './schedules-repository.ts';
import { schedulesRoutes } from './schedules-routes.ts';
import { userDirectory } from './user-directory.ts';
import { startUserEventsConsumer } from './user-events.ts';

export async function build({ config, logger, onShutdown }: ServiceContext<Static<typeof configSchema>>) {
  const { pool, ready } = await openServiceDatabase({ config, migrations: new URL('../migrations', import.meta.url), logger, onShutdown });

  const broker = connectBroker(config.AMQP_URL, logger, 'doctor-service');
  onShutdown(() => broker.close());
  const userEvents = startUserEventsConsumer({ pool, broker, logger });
  onShutdown(() => userEvents.close());

  const { auth, serviceToken, notBefores } = keycloakIdentity(config);
  // Tokens issued before their user's latest role change or deletion are refused here too.
  const revocations = followUserServiceRevocations({
    broker,
    notBefores,
    userServiceUrl: config.USER_SERVICE_URL,
    serviceToken,
    logger,
    name: 'doctor-service',
  });
  onShutdown(() => revocations.close());
  const busy = busyTimes({ appointmentServiceUrl: config.APPOINTMENT_SERVICE_URL, serviceToken });
  const checks = appointmentChecks({ appointmentServiceUrl: config.APPOINTMENT_SERVICE_URL, serviceToken });
  const calendar = { timeZone: config.CLINIC_TIME_ZONE, horizonDays: config.BOOKING_HORIZON_DAYS };
  const calendars = calendarCache((doctorId) => schedulesRepository.calendar(pool, doctorId, calendar.timeZone));
  const calendarChanges = listenForCalendarChanges({ databaseUrl: config.DATABASE_URL, cache: calendars, logger });
  onShutdown(() => calendarChanges.close());

  const app = await createHttpServer({
    name: 'doctor-service',
    description: 'Doctors, specializations, cabinets, weekly schedules, time off and available slots',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: { database: ready },
    // Doctors, schedules and slots are served without the broker; only names wait for it.
    optionalReadiness: { broker: () => broker.ping() },
  });
  // This replica's own changes are forgotten before it answers them, not only when their announcement
  // comes back: whoever changed a calendar sees the change in the next answer.
  app.addHook('onSend', async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') calendars.forget();
  });
  await recordAdminActions(app, pool);
  auditRoute(app, auth, pool, '/doctors/audit', 'doctors');
  catalogRoutes(app, auth, {
    specializations: catalogUseCases(pool, specializationsTable, 'Specialization'),
    cabinets: catalogUseCases(pool, cabinetsTable, 'Cabinet'),
  });
  const doctors = doctorUseCases(pool, userDirectory(config.USER_SERVICE_URL), checks, logger);
  doctorsRoutes(app, auth, doctors);
  const schedules = scheduleUseCases(pool, calendars, busy, checks, calendar, logger);
  schedulesRoutes(app, auth, schedules);
  availabilityRoutes(app, availabilityUseCase(calendars, busy, calendar));
  internalRoutes(app, auth, schedules, doctors);
  await revocations.ready;
  return app;
}

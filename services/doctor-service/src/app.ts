import {
  createHttpServer,
  databaseConnection,
  keycloakIdentity,
  openServiceDatabase,
  recordAdminActions,
  type ServiceContext,
  type Static,
} from '@clinic/service-kit';
import { connectBroker, followUserServiceRevocations } from '@clinic/messaging';
import { appointmentChecks, busyTimes } from './appointments/index.ts';
import {
  availabilityUseCase,
  availableSlotsUseCase,
  calendarCache,
  followBusyTimes,
  listenForCalendarChanges,
} from './availability/index.ts';
import { cabinetsTable, catalogUseCases, specializationsTable } from './catalog/index.ts';
import { closedDayUseCases, holidayYears, loadPublicHolidays } from './closed-days/index.ts';
import type { configSchema } from './config.ts';
import { bookingLimitsUseCases, doctorUseCases, startUserEventsConsumer, userDirectory } from './doctors/index.ts';
import { registerHttpApi } from './http-api.ts';
import { scheduleUseCases, schedulesRepository } from './schedules/index.ts';
import { bookableVisitTypes, visitTypeUseCases } from './visit-types/index.ts';

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
  const checks = appointmentChecks({ appointmentServiceUrl: config.APPOINTMENT_SERVICE_URL, serviceToken });
  const calendar = {
    timeZone: config.CLINIC_TIME_ZONE,
    horizonDays: config.BOOKING_HORIZON_DAYS,
    minNoticeMinutes: config.CLINIC_MIN_NOTICE_MINUTES,
    bufferMinutes: config.CLINIC_BUFFER_MINUTES,
  };
  if (config.CLINIC_PUBLIC_HOLIDAYS !== 'none') {
    const years = await loadPublicHolidays(pool, config.CLINIC_PUBLIC_HOLIDAYS, holidayYears(new Date(), calendar.timeZone, 4));
    if (years.length > 0) logger.info({ years }, 'public holidays loaded as closed days');
  }
  const calendars = calendarCache((doctorId) => schedulesRepository.calendar(pool, doctorId, calendar.timeZone));
  const calendarChanges = listenForCalendarChanges({ databaseUrl: databaseConnection(config), cache: calendars, logger });
  onShutdown(() => calendarChanges.close());
  const { busy, close: stopFollowingBusyTimes } = followBusyTimes({
    busy: busyTimes({ appointmentServiceUrl: config.APPOINTMENT_SERVICE_URL, serviceToken }),
    databaseUrl: databaseConnection(config),
    logger,
  });
  onShutdown(stopFollowingBusyTimes);

  // The length of one of a doctor's effective visit types, for free times per visit type.
  const visitTypeDuration = async (doctorId: string, visitTypeId: string) =>
    (await bookableVisitTypes(pool, doctorId))?.find((type) => type.id === visitTypeId)?.duration_minutes;

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
  registerHttpApi(app, {
    auth,
    pool,
    catalog: {
      specializations: catalogUseCases(pool, specializationsTable, 'Specialization'),
      cabinets: catalogUseCases(pool, cabinetsTable, 'Cabinet'),
    },
    doctors: doctorUseCases(pool, userDirectory(config.USER_SERVICE_URL), checks, logger),
    schedules: scheduleUseCases(pool, checks, calendar, logger),
    closedDays: closedDayUseCases(pool, calendar),
    bookingLimits: bookingLimitsUseCases(pool, calendar),
    availability: {
      availableSlots: availableSlotsUseCase(calendars, busy, calendar, visitTypeDuration),
      availability: availabilityUseCase(calendars, busy, calendar, visitTypeDuration),
    },
    visitTypes: visitTypeUseCases(pool),
  });
  await revocations.ready;
  return app;
}

import {
  auditRoute,
  createHttpServer,
  keycloakIdentity,
  openServiceDatabase,
  recordAdminActions,
  startPeriodic,
  type ServiceContext,
  type Static,
} from '@clinic/service-kit';
import { connectBroker, followUserServiceRevocations, startOutboxRelay } from '@clinic/messaging';
import {
  appointmentUseCases,
  EXPIRY_BATCH,
  appointmentOutbox,
  appointmentsRepository,
  internalRoutes,
  appointmentRoutes,
} from './appointments/index.ts';
import { bookingRequests, startBookingConsumers } from './booking/index.ts';
import { bookingWorker } from './booking-worker/index.ts';
import type { configSchema } from './config.ts';
import { doctorCalendarUseCases } from './doctor-calendar/index.ts';
import { doctorDirectory, patientDirectory } from './directories/index.ts';
import { documentStore, pdfDownloadKey, pdfDownloadSigner, startPdfGenerator } from './documents/index.ts';
import { patientRecords, personalDataRoutes, startUserEventsConsumer } from './people/index.ts';
import { waitlistUseCases, startFreedTimeOffers, startLapsedHoldOffers, waitlistRoutes } from './waitlist/index.ts';

/** Any constant, this service's own: the key of the advisory lock that lets one replica relay the outbox at a time. */
const APPOINTMENT_OUTBOX_LOCK = 0x0b0c_0001;

export async function build({ config, logger, onShutdown }: ServiceContext<Static<typeof configSchema>>) {
  const { pool, ready } = await openServiceDatabase({
    config,
    migrations: new URL('../migrations', import.meta.url),
    logger,
    onShutdown,
    maxConnections: 20,
  });

  const broker = connectBroker(config.AMQP_URL, logger, config.REPLICA_NAME);
  onShutdown(() => broker.close());
  await broker.declareTopology();

  const { auth, serviceToken, notBefores } = keycloakIdentity(config);
  // Tokens issued before their user's latest role change or deletion are refused here too.
  const revocations = followUserServiceRevocations({
    broker,
    notBefores,
    userServiceUrl: config.USER_SERVICE_URL,
    serviceToken,
    logger,
    name: config.REPLICA_NAME,
  });
  onShutdown(() => revocations.close());

  const doctors = doctorDirectory(config.DOCTOR_SERVICE_URL, serviceToken);
  const worker = bookingWorker({
    pool,
    doctors,
    logger,
    waitlistHoldSeconds: config.WAITLIST_HOLD_SECONDS,
    maxFutureAppointmentsPerPatient: config.MAX_FUTURE_APPOINTMENTS_PER_PATIENT,
  });
  const shards = config.BOOKING_SHARDS;
  const consumers = startBookingConsumers({ broker, worker, logger, replicaName: config.REPLICA_NAME, shards });
  onShutdown(() => consumers.close());
  const requests = await bookingRequests({
    pool,
    broker,
    timeoutMs: config.BOOKING_TIMEOUT_MS,
    logger,
    replicaName: config.REPLICA_NAME,
    shards,
  });
  onShutdown(() => requests.close());

  const relay = startOutboxRelay({
    pool,
    broker,
    outbox: appointmentOutbox,
    lockKey: APPOINTMENT_OUTBOX_LOCK,
    intervalMs: config.OUTBOX_INTERVAL_MS,
    logger,
  });
  onShutdown(() => relay.stop());

  const store = documentStore({
    endpoint: config.MINIO_ENDPOINT,
    accessKey: config.MINIO_ACCESS_KEY,
    secretKey: config.MINIO_SECRET_KEY,
    bucket: config.PDF_BUCKET,
  });
  await store.ensureBucket();
  const pdfGenerator = startPdfGenerator({
    pool,
    broker,
    store,
    timeZone: config.CLINIC_TIME_ZONE,
    onGenerated: relay.nudge,
    // Bookings first: while this replica decides bookings or waits for their outcomes, PDFs wait.
    stepAside: () => consumers.deciding() || requests.busy(),
    logger,
  });
  onShutdown(() => pdfGenerator.close());

  // Freed times go to the waitlist through the booking queue: from cancellations and moves, and from
  // holds whose time ran out.
  const freedTimes = startFreedTimeOffers({ pool, broker, bookings: requests, logger });
  onShutdown(() => freedTimes.close());
  const lapsedHolds = startLapsedHoldOffers({ pool, bookings: requests, intervalMs: config.WAITLIST_INTERVAL_MS, logger });
  onShutdown(() => lapsedHolds.stop());

  const userEvents = startUserEventsConsumer({ pool, broker, bookings: requests, store, onCancelled: relay.nudge, logger });
  onShutdown(() => userEvents.close());

  const app = await createHttpServer({
    name: 'appointment-service',
    description: 'Appointments, their events (outbox), the booking queue and the appointment PDFs',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: { database: ready, broker: () => broker.ping() },
    // Booking goes on without the document store; only PDFs wait for it.
    optionalReadiness: { documentStore: () => store.ping() },
  });
  const appointments = appointmentUseCases(
    pool,
    requests,
    relay.nudge,
    {
      store,
      publicUrl: config.CLINIC_PUBLIC_URL,
      ttlSeconds: config.PDF_LINK_TTL_SECONDS,
      signer: pdfDownloadSigner(pdfDownloadKey(config.PDF_DOWNLOAD_SECRET, config.MINIO_SECRET_KEY)),
      downloadTtlSeconds: config.PDF_DOWNLOAD_LINK_TTL_SECONDS,
    },
    {
      patientChangeCutoffHours: config.PATIENT_CHANGE_CUTOFF_HOURS,
      maxFutureAppointmentsPerPatient: config.MAX_FUTURE_APPOINTMENTS_PER_PATIENT,
      maxWaitlistEntriesPerPatient: config.MAX_WAITLIST_ENTRIES_PER_PATIENT,
    },
    patientDirectory(config.USER_SERVICE_URL, serviceToken),
  );
  const waitlist = waitlistUseCases({
    pool,
    doctors,
    bookings: requests,
    timeZone: config.CLINIC_TIME_ZONE,
    maxEntriesPerPatient: config.MAX_WAITLIST_ENTRIES_PER_PATIENT,
    logger,
  });

  const completion = startPeriodic(
    'complete-past-appointments',
    config.COMPLETION_INTERVAL_MS,
    async () => {
      const completed = await appointmentsRepository.completePast(pool);
      if (completed > 0) logger.info({ completed }, 'past confirmed appointments completed');
      const expired = await appointments.expirePast();
      if (expired > 0) logger.info({ expired }, 'unconfirmed appointments whose start passed expired');
      return expired === EXPIRY_BATCH;
    },
    logger,
  );
  onShutdown(() => completion.stop());
  await recordAdminActions(app, pool);
  auditRoute(app, auth, pool, '/appointments/audit', 'appointments');
  appointmentRoutes(app, auth, appointments);
  waitlistRoutes(app, auth, waitlist);
  internalRoutes(app, auth, appointments, pool, doctorCalendarUseCases(requests, relay.nudge));
  personalDataRoutes(app, auth, patientRecords({ pool, store }));
  await revocations.ready;
  return app;
}

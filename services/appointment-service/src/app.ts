import { readFile } from 'node:fs/promises';
import {
  createHttpServer,
  keycloakIdentity,
  openServiceDatabase,
  recordAdminActions,
  type Logger,
  type Pool,
  type ServiceContext,
  type Static,
} from '@clinic/service-kit';
import { connectBroker, followUserServiceRevocations, observeDeadLetters, startOutboxRelay, type Broker } from '@clinic/messaging';
import { appointmentOutbox, appointmentUseCases, startCompletion } from './appointments/index.ts';
import { bookingRequests, observeBookingQueues, startBookingConsumers } from './booking/index.ts';
import { bookingWorker } from './booking-worker/index.ts';
import type { configSchema } from './config.ts';
import { doctorCalendarUseCases } from './doctor-calendar/index.ts';
import { keptDoctorDirectory, patientDirectory, type DoctorDirectory, type PatientDirectory } from './directories/index.ts';
import {
  DEFAULT_PDF_LANGUAGE,
  documentStore,
  pdfDownloadKey,
  pdfDownloadSigner,
  pdfLinkUseCases,
  pdfReadyLogo,
  startPdfGenerator,
  type DocumentStore,
  type PdfSettings,
} from './documents/index.ts';
import { emailLinkUseCases } from './email-links/index.ts';
import { registerHttpApi } from './http-api.ts';
import { patientRecords, startUserEventsConsumer } from './people/index.ts';
import { sentEmails, timelineUseCases } from './timeline/index.ts';
import { observeSlotHolds, startFreedTimeOffers, startLapsedHoldOffers, waitlistUseCases } from './waitlist/index.ts';

/** Any constant, this service's own: the key of the advisory lock that lets one replica relay the outbox at a time. */
const APPOINTMENT_OUTBOX_LOCK = 0x0b0c_0001;

type Config = Static<typeof configSchema>;
type Context = ServiceContext<Config>;
type BookingRequests = Awaited<ReturnType<typeof bookingRequests>>;

/** The broker, with its topology declared, the identity (tokens revoked by user-service refused), and the directories. */
async function openMessagingAndIdentity({ config, logger, onShutdown }: Context) {
  const broker = connectBroker(config.AMQP_URL, logger, config.REPLICA_NAME);
  onShutdown(() => broker.close());
  await broker.declareTopology();
  // Every replica reports the dead letters (the same queue): the scrape sees them while any replica is up.
  observeDeadLetters(broker);

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
  const patients = patientDirectory({ broker, userServiceUrl: config.USER_SERVICE_URL, serviceToken, logger, name: config.REPLICA_NAME });
  onShutdown(() => patients.close());
  const doctors = keptDoctorDirectory(config, serviceToken, logger);
  onShutdown(() => doctors.close());
  return { broker, auth, serviceToken, revocations, patients, doctors };
}

/** The booking worker behind every shard's queue, and this replica's side of the queues. */
async function startBooking({ config, logger, onShutdown }: Context, pool: Pool, broker: Broker, doctors: DoctorDirectory) {
  const worker = bookingWorker({
    pool,
    doctors,
    logger,
    waitlistHoldSeconds: config.WAITLIST_HOLD_SECONDS,
    maxFutureAppointmentsPerPatient: config.MAX_FUTURE_APPOINTMENTS_PER_PATIENT,
    clinicTimeZone: config.CLINIC_TIME_ZONE,
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
  observeBookingQueues(broker, shards);
  return { consumers, requests };
}

/**
 * The clinic's letterhead and zone, and the patient's language from user-service: Romanian when it does
 * not know them, or cannot answer (a PDF in the clinic's language beats none; the next change makes it again).
 */
async function pdfSettings(config: Config, patients: PatientDirectory, logger: Logger): Promise<PdfSettings> {
  const languageOf = async (patientId: string) => {
    try {
      return (await patients.contact(patientId))?.language ?? DEFAULT_PDF_LANGUAGE;
    } catch (error) {
      logger.warn({ err: error, patientId }, 'patient language not known (user-service did not answer): PDF in the default language');
      return DEFAULT_PDF_LANGUAGE;
    }
  };
  return {
    timeZone: config.CLINIC_TIME_ZONE,
    clinic: {
      name: config.CLINIC_NAME,
      address: config.CLINIC_ADDRESS,
      logo: config.CLINIC_LOGO_PATH ? await pdfReadyLogo(await readFile(config.CLINIC_LOGO_PATH)) : undefined,
    },
    languageOf,
  };
}

/** The document store (its bucket made sure of) and the PDF generator, which steps aside while bookings are decided. */
async function startDocuments(
  { config, logger, onShutdown }: Context,
  deps: { pool: Pool; broker: Broker; patients: PatientDirectory; onGenerated: () => void; stepAside: () => boolean },
) {
  const store = documentStore({
    endpoint: config.MINIO_ENDPOINT,
    accessKey: config.MINIO_ACCESS_KEY,
    secretKey: config.MINIO_SECRET_KEY,
    bucket: config.PDF_BUCKET,
  });
  await store.ensureBucket();
  const { pool, broker, onGenerated, stepAside } = deps;
  const settings = await pdfSettings(config, deps.patients, logger);
  const pdfGenerator = startPdfGenerator({ pool, broker, onGenerated, stepAside, store, settings, logger });
  onShutdown(() => pdfGenerator.close());
  return store;
}

/** The consumers and jobs that hand work to the booking queue: waitlist offers, user events, the completion job. */
function startBackgroundWork(
  { config, logger, onShutdown }: Context,
  deps: {
    pool: Pool;
    broker: Broker;
    requests: BookingRequests;
    store: DocumentStore;
    nudge: () => void;
    expirePast: () => Promise<number>;
  },
) {
  const { pool, broker, requests, store, nudge } = deps;
  // Freed times go to the waitlist through the booking queue: from cancellations and moves, and from
  // holds whose time ran out.
  const freedTimes = startFreedTimeOffers({ pool, broker, bookings: requests, logger });
  onShutdown(() => freedTimes.close());
  const lapsedHolds = startLapsedHoldOffers({ pool, bookings: requests, intervalMs: config.WAITLIST_INTERVAL_MS, logger });
  onShutdown(() => lapsedHolds.stop());
  observeSlotHolds(pool);

  const userEvents = startUserEventsConsumer({ pool, broker, bookings: requests, store, onCancelled: nudge, logger });
  onShutdown(() => userEvents.close());

  const completion = startCompletion({ pool, expirePast: deps.expirePast, intervalMs: config.COMPLETION_INTERVAL_MS, logger });
  onShutdown(() => completion.stop());
}

/** The use cases the routes call. */
function useCases(
  config: Config,
  deps: {
    pool: Pool;
    requests: BookingRequests;
    store: DocumentStore;
    nudge: () => void;
    serviceToken: () => Promise<string>;
    doctors: DoctorDirectory;
    patients: PatientDirectory;
    logger: Logger;
  },
) {
  const { pool, requests, nudge } = deps;
  const appointments = appointmentUseCases(
    pool,
    requests,
    nudge,
    {
      patientChangeCutoffHours: config.PATIENT_CHANGE_CUTOFF_HOURS,
      maxFutureAppointmentsPerPatient: config.MAX_FUTURE_APPOINTMENTS_PER_PATIENT,
      maxWaitlistEntriesPerPatient: config.MAX_WAITLIST_ENTRIES_PER_PATIENT,
      waitlistHoldSeconds: config.WAITLIST_HOLD_SECONDS,
      noShowGraceMinutes: config.NO_SHOW_GRACE_MINUTES,
    },
    deps.patients,
    deps.doctors,
  );
  const pdfLinks = pdfLinkUseCases(pool, {
    store: deps.store,
    publicUrl: config.CLINIC_PUBLIC_URL,
    ttlSeconds: config.PDF_LINK_TTL_SECONDS,
    signer: pdfDownloadSigner(pdfDownloadKey(config.PDF_DOWNLOAD_SECRET, config.MINIO_SECRET_KEY)),
    downloadTtlSeconds: config.PDF_DOWNLOAD_LINK_TTL_SECONDS,
  });
  const waitlist = waitlistUseCases({
    pool,
    doctors: deps.doctors,
    patients: deps.patients,
    bookings: requests,
    timeZone: config.CLINIC_TIME_ZONE,
    maxEntriesPerPatient: config.MAX_WAITLIST_ENTRIES_PER_PATIENT,
    logger: deps.logger,
  });
  const doctorCalendar = doctorCalendarUseCases(requests, nudge);
  const emailLinks = emailLinkUseCases({
    pool,
    secret: config.APPOINTMENT_LINK_SECRET,
    appointments,
    store: deps.store,
    patientChangeCutoffHours: config.PATIENT_CHANGE_CUTOFF_HOURS,
  });
  const timeline = timelineUseCases(pool, sentEmails(config.NOTIFICATION_SERVICE_URL, deps.serviceToken, deps.logger));
  return {
    appointments,
    pdfLinks,
    emailLinks,
    waitlist,
    doctorCalendar,
    timeline,
    patientRecords: patientRecords({ pool, store: deps.store }),
  };
}

/** The composition root: infrastructure first, then the capabilities wired to it, then the HTTP API. */
export async function build(context: Context) {
  const { config, logger, onShutdown } = context;
  const { pool, ready } = await openServiceDatabase({
    config,
    migrations: new URL('../migrations', import.meta.url),
    logger,
    onShutdown,
    maxConnections: 20,
  });
  const { broker, auth, serviceToken, revocations, patients, doctors } = await openMessagingAndIdentity(context);
  const { consumers, requests } = await startBooking(context, pool, broker, doctors);

  const relay = startOutboxRelay({
    pool,
    broker,
    outbox: appointmentOutbox,
    lockKey: APPOINTMENT_OUTBOX_LOCK,
    intervalMs: config.OUTBOX_INTERVAL_MS,
    logger,
  });
  onShutdown(() => relay.stop());

  const store = await startDocuments(context, {
    pool,
    broker,
    patients,
    onGenerated: relay.nudge,
    // Bookings first: while this replica decides bookings or waits for their outcomes, PDFs wait.
    stepAside: () => consumers.deciding() || requests.busy(),
  });
  const app = await createHttpServer({
    name: 'appointment-service',
    description: 'Appointments, their events (outbox), the booking queue and the appointment PDFs',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: { database: ready, broker: () => broker.ping() },
    // Booking goes on without the document store; only PDFs wait for it.
    optionalReadiness: { documentStore: () => store.ping() },
  });
  const uses = useCases(config, { pool, requests, store, nudge: relay.nudge, serviceToken, doctors, patients, logger });
  startBackgroundWork(context, { pool, broker, requests, store, nudge: relay.nudge, expirePast: () => uses.appointments.expirePast() });
  await recordAdminActions(app, pool);
  registerHttpApi(app, { auth, pool, ...uses });
  await revocations.ready;
  return app;
}

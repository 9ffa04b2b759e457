import { setPriority } from 'node:os';
import {
  createHttpServer,
  keycloakIdentity,
  openServiceDatabase,
  recordAdminActions,
  startPeriodic,
  type Logger,
  type Pool,
  type ServiceContext,
  type Static,
} from '@clinic/service-kit';
import { AppointmentServiceEvent } from '@clinic/contracts';
import {
  connectBroker,
  consume,
  EVENTS_EXCHANGE,
  followUserServiceContacts,
  followUserServiceRevocations,
  NOTIFICATION_QUEUE,
  type Broker,
} from '@clinic/messaging';
import type { configSchema } from './config.ts';
import { observeBacklog, smtpMailer, startDispatcher } from './delivery/index.ts';
import { platformDirectory, type PlatformDirectory } from './directory/index.ts';
import { appointmentEventHandler, startDeletedUsersConsumer, type AppointmentEventHandler } from './events/index.ts';
import { registerHttpApi } from './http-api.ts';
import type { ClinicInfo } from './messages/index.ts';
import { notificationUseCases } from './notifications/index.ts';
import { nightlySchedule, observeReminderRuns, reminderWorker } from './reminders/index.ts';

type Config = Static<typeof configSchema>;
type OnShutdown = ServiceContext<Config>['onShutdown'];

/** Deliveries of one event before it goes to the dead-letter queue (x-delivery-limit). */
const EVENT_DELIVERY_LIMIT = 5;

/**
 * Emails follow bookings by seconds without anyone waiting on them: with a nice value above the other
 * services', a machine short of CPU runs the booking path first and the emails when it has time.
 */
function lowerCpuPriority(niceness: number, logger: Logger): void {
  if (niceness === 0) return;
  try {
    setPriority(niceness);
  } catch (error) {
    logger.warn({ err: error, niceness }, 'could not lower the process’s CPU priority');
  }
}

/** The sender's address out of `Name <address>` or a bare address: the organizer of calendar invitations. */
const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

/** The mailer and the dispatcher that sends what is due through it, on every replica. */
function startDelivery(config: Config, clinic: ClinicInfo, pool: Pool, logger: Logger, onShutdown: OnShutdown) {
  const mailer = smtpMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, messageIdHost: new URL(clinic.publicUrl).hostname });
  onShutdown(() => mailer.close());
  const dispatcher = startDispatcher({
    pool,
    mailer,
    policy: { maxAttempts: config.SEND_MAX_ATTEMPTS, baseMs: config.SEND_RETRY_BASE_MS, maxMs: config.SEND_RETRY_MAX_MS },
    leaseMs: config.SEND_LEASE_MS,
    intervalMs: config.SEND_INTERVAL_MS,
    logger,
  });
  onShutdown(() => dispatcher.stop());
  observeBacklog(pool);
  return dispatcher;
}

/** The consumers of appointment-service's events and of user-service's deletions. */
function startConsumers(
  config: Config,
  events: AppointmentEventHandler,
  pool: Pool,
  broker: Broker,
  logger: Logger,
  onShutdown: OnShutdown,
) {
  // Competing consumers: every replica takes events from the one queue, each event goes to one of them.
  const consumer = consume(
    broker,
    {
      queue: NOTIFICATION_QUEUE,
      schema: AppointmentServiceEvent,
      attempts: EVENT_DELIVERY_LIMIT,
      bindings: [{ exchange: EVENTS_EXCHANGE, routingKey: 'appointment.*' }],
      prefetch: 4,
      consumerTag: config.REPLICA_NAME,
      logger,
    },
    async (event) => {
      await events.handleEvent(event);
    },
  );
  onShutdown(() => consumer.close());
  const deletedUsers = startDeletedUsersConsumer({ pool, broker, logger });
  onShutdown(() => deletedUsers.close());
}

interface ReminderDeps {
  pool: Pool;
  directory: PlatformDirectory;
  clinic: ClinicInfo;
  events: AppointmentEventHandler;
  onClaimed: () => void;
  logger: Logger;
}

/** The periodic catch-up of events and reminders, and the nightly schedule that starts it on time. */
function startReminders(config: Config, { pool, directory, clinic, events, onClaimed, logger }: ReminderDeps, onShutdown: OnShutdown) {
  const reminders = reminderWorker({ pool, directory, clinic, minLeadHours: config.REMINDER_MIN_LEAD_HOURS, onClaimed, logger });
  const catchUp = startPeriodic(
    'catch-up',
    config.CATCH_UP_INTERVAL_MS,
    async () => {
      await events.catchUp(config.EVENT_CATCH_UP_AGE_SECONDS);
      await reminders.run();
    },
    logger,
  );
  onShutdown(() => catchUp.stop());
  // The night's run starts on time; the catch-up above covers a night when no replica was up.
  const nightly = nightlySchedule(config.REMINDER_CRON, config.CLINIC_TIME_ZONE, () => catchUp.nudge());
  onShutdown(() => nightly.stop());
  observeReminderRuns(pool);
}

export async function build({ config, logger, onShutdown }: ServiceContext<Config>) {
  // Linux gives each thread its own nice value: this sets the main thread's, where the JavaScript runs;
  // threads made after it (the thread pool, when it starts later) take it too.
  lowerCpuPriority(config.CPU_NICENESS, logger);
  const clinic: ClinicInfo = {
    name: config.CLINIC_NAME,
    publicUrl: config.CLINIC_PUBLIC_URL.replace(/\/$/, ''),
    timeZone: config.CLINIC_TIME_ZONE,
  };

  const { pool, ready } = await openServiceDatabase({
    config,
    migrations: new URL('../migrations', import.meta.url),
    logger,
    onShutdown,
    maxConnections: 10,
  });

  const broker = connectBroker(config.AMQP_URL, logger, config.REPLICA_NAME);
  onShutdown(() => broker.close());

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
  // Every event's recipients are looked up: remembered, and forgotten when user-service says they changed.
  const contacts = followUserServiceContacts({
    broker,
    userServiceUrl: config.USER_SERVICE_URL,
    serviceToken,
    logger,
    name: config.REPLICA_NAME,
  });
  onShutdown(() => contacts.close());
  const directory = platformDirectory({
    contacts,
    appointmentServiceUrl: config.APPOINTMENT_SERVICE_URL,
    serviceToken,
    onMarkError: (err, eventIds) => logger.warn({ err, eventIds }, 'events not marked processed; the catch-up handles them again'),
  });
  onShutdown(() => directory.flushMarks());

  const dispatcher = startDelivery(config, clinic, pool, logger, onShutdown);
  const onClaimed = dispatcher.nudge;
  const notifications = notificationUseCases({ pool, directory, clinic, onClaimed });
  const events = appointmentEventHandler({
    pool,
    directory,
    clinic,
    organizerEmail: addressOf(config.MAIL_FROM),
    onClaimed,
    patientChangeCutoffHours: config.PATIENT_CHANGE_CUTOFF_HOURS,
    linkSecret: config.APPOINTMENT_LINK_SECRET,
    logger,
  });
  startConsumers(config, events, pool, broker, logger, onShutdown);
  startReminders(config, { pool, directory, clinic, events, onClaimed, logger }, onShutdown);

  const app = await createHttpServer({
    name: 'notification-service',
    description: 'Emails from appointment events (with calendar invitations), reminders, and the audit of every notification',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: { database: ready, broker: () => broker.ping() },
  });
  await recordAdminActions(app, pool);
  registerHttpApi(app, { auth, pool, notifications });
  await revocations.ready;
  return app;
}

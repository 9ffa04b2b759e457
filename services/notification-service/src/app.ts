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
import { AppointmentServiceEvent } from '@clinic/contracts';
import { connectBroker, consume, EVENTS_EXCHANGE, followUserServiceRevocations, NOTIFICATION_QUEUE } from '@clinic/messaging';
import type { configSchema } from './config.ts';
import { startDeletedUsersConsumer } from './deleted-recipients.ts';
import { startDispatcher } from './dispatcher.ts';
import { smtpMailer } from './mailer.ts';
import type { ClinicInfo } from './messages.ts';
import { notificationUseCases } from './notifications.ts';
import { platformDirectory } from './platform-directory.ts';
import { nightlySchedule } from './reminder-schedule.ts';
import { reminderWorker } from './reminders.ts';
import { notificationRoutes } from './routes.ts';

/** Deliveries of one event before it goes to the dead-letter queue (x-delivery-limit). */
const EVENT_DELIVERY_LIMIT = 5;

/** The sender's address out of `Name <address>` or a bare address: the organizer of calendar invitations. */
const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

export async function build({ config, logger, onShutdown }: ServiceContext<Static<typeof configSchema>>) {
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
  const directory = platformDirectory({
    userServiceUrl: config.USER_SERVICE_URL,
    appointmentServiceUrl: config.APPOINTMENT_SERVICE_URL,
    serviceToken,
  });

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

  const notifications = notificationUseCases({
    pool,
    directory,
    clinic,
    organizerEmail: addressOf(config.MAIL_FROM),
    onClaimed: dispatcher.nudge,
    patientChangeCutoffHours: config.PATIENT_CHANGE_CUTOFF_HOURS,
    logger,
  });

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
      await notifications.handleEvent(event);
    },
  );
  onShutdown(() => consumer.close());
  const deletedUsers = startDeletedUsersConsumer({ pool, broker, logger });
  onShutdown(() => deletedUsers.close());

  const reminders = reminderWorker({
    pool,
    directory,
    clinic,
    minLeadHours: config.REMINDER_MIN_LEAD_HOURS,
    onClaimed: dispatcher.nudge,
    logger,
  });
  const catchUp = startPeriodic(
    'catch-up',
    config.CATCH_UP_INTERVAL_MS,
    async () => {
      await notifications.catchUp(config.EVENT_CATCH_UP_AGE_SECONDS);
      await reminders.run();
    },
    logger,
  );
  onShutdown(() => catchUp.stop());
  // The night's run starts on time; the catch-up above covers a night when no replica was up.
  const nightly = nightlySchedule(config.REMINDER_CRON, config.CLINIC_TIME_ZONE, () => catchUp.nudge());
  onShutdown(() => nightly.stop());

  const app = await createHttpServer({
    name: 'notification-service',
    description: 'Emails from appointment events (with calendar invitations), reminders, and the audit of every notification',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: { database: ready, broker: () => broker.ping() },
  });
  await recordAdminActions(app, pool);
  auditRoute(app, auth, pool, '/notifications/audit', 'notifications');
  notificationRoutes(app, auth, notifications);
  await revocations.ready;
  return app;
}

import { fileURLToPath } from 'node:url';
import {
  createHttpServer,
  createPool,
  keycloakIdentity,
  migrate,
  startPeriodic,
  type ServiceContext,
  type Static,
} from '@clinic/service-kit';
import { connectBroker, declareDeadLetter, declareEventsExchange } from '@clinic/messaging';
import { appointmentUseCases } from './appointments.ts';
import { appointmentsRepository } from './appointments-repository.ts';
import { bookingRequests, startBookingConsumer } from './booking-queue.ts';
import { bookingWorker } from './booking-worker.ts';
import type { configSchema } from './config.ts';
import { doctorDirectory } from './doctor-directory.ts';
import { startOutboxRelay } from './outbox-relay.ts';
import { appointmentRoutes, internalRoutes } from './routes.ts';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

export async function build({ config, logger, onShutdown }: ServiceContext<Static<typeof configSchema>>) {
  await migrate(config.DATABASE_URL, config.DATABASE_SCHEMA, migrations, logger);
  const pool = createPool(config.DATABASE_URL, 20);
  onShutdown(() => pool.end());

  const broker = connectBroker(config.AMQP_URL, logger, config.REPLICA_NAME);
  onShutdown(() => broker.close());
  await declareDeadLetter(broker.connection);
  await declareEventsExchange(broker.connection);

  const { auth, serviceToken } = keycloakIdentity(config);

  const worker = bookingWorker({ pool, doctors: doctorDirectory(config.DOCTOR_SERVICE_URL, serviceToken), logger });
  const consumer = startBookingConsumer({ broker, worker, logger, replicaName: config.REPLICA_NAME });
  onShutdown(() => consumer.close());
  const requests = await bookingRequests({ pool, broker, timeoutMs: config.BOOKING_TIMEOUT_MS, logger, replicaName: config.REPLICA_NAME });
  onShutdown(() => requests.close());

  const relay = startOutboxRelay({ pool, broker, intervalMs: config.OUTBOX_INTERVAL_MS, logger });
  onShutdown(() => relay.stop());
  const completion = startPeriodic(
    'complete-past-appointments',
    config.COMPLETION_INTERVAL_MS,
    async () => {
      const completed = await appointmentsRepository.completePast(pool);
      if (completed > 0) logger.info({ completed }, 'past confirmed appointments completed');
    },
    logger,
  );
  onShutdown(() => completion.stop());

  const app = await createHttpServer({
    name: 'appointment-service',
    description: 'Appointments, their events (outbox) and the booking queue',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: { database: () => pool.query('SELECT 1'), broker: () => broker.ping() },
  });
  const appointments = appointmentUseCases(pool, requests, relay.nudge);
  appointmentRoutes(app, auth, appointments);
  internalRoutes(app, auth, appointments, pool);
  return app;
}

import { fileURLToPath } from 'node:url';
import {
  createAuthenticator,
  createHttpServer,
  createPool,
  migrate,
  serviceTokenSource,
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

  const realmUrl = `${config.KEYCLOAK_URL}/realms/${config.KEYCLOAK_REALM}`;
  const auth = createAuthenticator({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    jwksUrl: `${realmUrl}/protocol/openid-connect/certs`,
  });
  const serviceToken = serviceTokenSource({
    tokenUrl: `${realmUrl}/protocol/openid-connect/token`,
    clientId: config.KEYCLOAK_CLIENT_ID,
    clientSecret: config.KEYCLOAK_CLIENT_SECRET,
  });

  const worker = bookingWorker({ pool, doctors: doctorDirectory(config.DOCTOR_SERVICE_URL, serviceToken), logger });
  const consumer = startBookingConsumer({ broker, worker, logger });
  onShutdown(() => consumer.close());
  const requests = bookingRequests({ pool, broker, timeoutMs: config.BOOKING_TIMEOUT_MS });
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

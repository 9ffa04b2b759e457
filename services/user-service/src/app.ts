import {
  createHttpServer,
  keycloakIdentity,
  openServiceDatabase,
  recordAdminActions,
  TOKEN_NOT_BEFORE_MEMORY_MS,
  type ServiceContext,
  type Static,
} from '@clinic/service-kit';
import { connectBroker, followTokenRevocations, startOutboxRelay } from '@clinic/messaging';
import type { configSchema } from './config.ts';
import { doctorRecords } from './doctors/index.ts';
import { userOutbox } from './events/index.ts';
import { familyUseCases } from './family/index.ts';
import { registerHttpApi } from './http-api.ts';
import { identityDirectory } from './identity/index.ts';
import { personalDataSources, personalDataUseCases } from './personal-data/index.ts';
import { userUseCases } from './users/index.ts';

/** Any constant, this service's own: the key of the advisory lock that lets one replica relay the outbox at a time. */
const USER_OUTBOX_LOCK = 0x0b0c_0002;

export async function build({ config, logger, onShutdown }: ServiceContext<Static<typeof configSchema>>) {
  const { pool, ready } = await openServiceDatabase({ config, migrations: new URL('../migrations', import.meta.url), logger, onShutdown });

  const broker = connectBroker(config.AMQP_URL, logger, 'user-service');
  onShutdown(() => broker.close());
  // Declared before the relay publishes to it (user-service starts before the services that consume).
  await broker.declareEventsExchange();
  const relay = startOutboxRelay({
    pool,
    broker,
    outbox: userOutbox,
    lockKey: USER_OUTBOX_LOCK,
    intervalMs: config.OUTBOX_INTERVAL_MS,
    logger,
  });
  onShutdown(() => relay.stop());

  const { auth, serviceToken, notBefores } = keycloakIdentity(config);
  const directory = identityDirectory({
    baseUrl: config.KEYCLOAK_URL,
    realm: config.KEYCLOAK_REALM,
    clientId: config.KEYCLOAK_CLIENT_ID,
    clientSecret: config.KEYCLOAK_CLIENT_SECRET,
    publicUrl: config.CLINIC_PUBLIC_URL,
  });

  const app = await createHttpServer({
    name: 'user-service',
    description: 'User profiles and roles; creates and changes users in Keycloak',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: { database: ready },
    // Profiles are served and changed without the broker; their events wait in the outbox.
    optionalReadiness: { broker: () => broker.ping() },
  });
  await recordAdminActions(app, pool);
  const doctors = doctorRecords({ doctorServiceUrl: config.DOCTOR_SERVICE_URL, serviceToken });
  const users = userUseCases(pool, directory, doctors, relay.nudge, logger, notBefores);
  // Its own replicas' role changes and deletions too; the recent ones read from its own database.
  const revocations = followTokenRevocations({
    broker,
    notBefores,
    loadRecent: () => users.recentTokenNotBefores(TOKEN_NOT_BEFORE_MEMORY_MS),
    logger,
    name: 'user-service',
  });
  onShutdown(() => revocations.close());
  const personalData = personalDataUseCases(
    pool,
    personalDataSources({
      appointmentServiceUrl: config.APPOINTMENT_SERVICE_URL,
      notificationServiceUrl: config.NOTIFICATION_SERVICE_URL,
      serviceToken,
    }),
  );
  const family = familyUseCases(pool, (principal) => users.profileOf(principal));
  registerHttpApi(app, { auth, pool, users, personalData, family });
  await revocations.ready;
  return app;
}

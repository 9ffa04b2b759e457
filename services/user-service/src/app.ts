import {
  auditRoute,
  createHttpServer,
  keycloakIdentity,
  openServiceDatabase,
  recordAdminActions,
  type ServiceContext,
  type Static,
} from '@clinic/service-kit';
import type { configSchema } from './config.ts';
import { identityDirectory } from './identity-directory.ts';
import { internalRoutes } from './internal-routes.ts';
import { userRoutes } from './routes.ts';
import { userUseCases } from './users.ts';

export async function build({ config, logger, onShutdown }: ServiceContext<Static<typeof configSchema>>) {
  const { pool, ready } = await openServiceDatabase({ config, migrations: new URL('../migrations', import.meta.url), logger, onShutdown });

  const { auth } = keycloakIdentity(config);
  const directory = identityDirectory({
    baseUrl: config.KEYCLOAK_URL,
    realm: config.KEYCLOAK_REALM,
    clientId: config.KEYCLOAK_CLIENT_ID,
    clientSecret: config.KEYCLOAK_CLIENT_SECRET,
  });

  const app = await createHttpServer({
    name: 'user-service',
    description: 'User profiles and roles; creates and changes users in Keycloak',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: { database: ready },
  });
  await recordAdminActions(app, pool);
  auditRoute(app, auth, pool, '/users/audit', 'users');
  const users = userUseCases(pool, directory, logger);
  userRoutes(app, auth, users);
  internalRoutes(app, auth, users);
  return app;
}

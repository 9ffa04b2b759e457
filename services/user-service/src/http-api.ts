import { auditRoute, type App, type Authenticator, type Pool } from '@clinic/service-kit';
import { personalDataRoutes, type PersonalDataUseCases } from './personal-data/index.ts';
import { revocationRoutes } from './revocations/index.ts';
import {
  ownProfileRoutes,
  registrationRoutes,
  syncRoutes,
  userAdminRoutes,
  userInternalRoutes,
  userListRoutes,
  type UserUseCases,
} from './users/index.ts';

/** What the routes' handlers use; registering them only captures it (no I/O). */
export interface HttpApiDeps {
  auth: Authenticator;
  /** For the audit trail's route. */
  pool: Pool;
  users: UserUseCases;
  personalData: PersonalDataUseCases;
}

/** Registers every HTTP route of user-service, in the order the OpenAPI document lists them. */
export function registerHttpApi(app: App, { auth, pool, users, personalData }: HttpApiDeps): void {
  auditRoute(app, auth, pool, '/users/audit', 'users');
  registrationRoutes(app, auth, users);
  ownProfileRoutes(app, auth, users);
  personalDataRoutes(app, auth, personalData);
  syncRoutes(app, auth, users);
  userListRoutes(app, auth, users);
  userAdminRoutes(app, auth, users);
  userInternalRoutes(app, auth, users);
  revocationRoutes(app, auth, users);
}

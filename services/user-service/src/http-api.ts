import { auditRoute, type App, type Authenticator, type Pool } from '@clinic/service-kit';
import { familyInternalRoutes, ownFamilyRoutes, staffFamilyRoutes, type FamilyUseCases } from './family/index.ts';
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
  family: FamilyUseCases;
}

/** Registers every HTTP route of user-service, in the order the OpenAPI document lists them. */
export function registerHttpApi(app: App, { auth, pool, users, personalData, family }: HttpApiDeps): void {
  auditRoute(app, auth, pool, '/users/audit', 'users');
  registrationRoutes(app, auth, users);
  ownProfileRoutes(app, auth, users);
  ownFamilyRoutes(app, auth, family);
  personalDataRoutes(app, auth, personalData);
  syncRoutes(app, auth, users);
  userListRoutes(app, auth, users);
  userAdminRoutes(app, auth, users);
  staffFamilyRoutes(app, auth, family);
  userInternalRoutes(app, auth, users);
  familyInternalRoutes(app, auth, family);
  revocationRoutes(app, auth, users);
}

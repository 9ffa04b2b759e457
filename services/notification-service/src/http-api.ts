import { auditRoute, type App, type Authenticator, type Pool } from '@clinic/service-kit';
import { notificationRoutes, type NotificationUseCases } from './notifications/index.ts';

/** What the routes' handlers use; registering them only captures it (no I/O). */
export interface HttpApiDeps {
  auth: Authenticator;
  /** For the audit trail's route. */
  pool: Pool;
  notifications: NotificationUseCases;
}

/** Registers every HTTP route of notification-service. */
export function registerHttpApi(app: App, { auth, pool, notifications }: HttpApiDeps): void {
  auditRoute(app, auth, pool, '/notifications/audit', 'notifications');
  notificationRoutes(app, auth, notifications);
}

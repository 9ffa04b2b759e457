import { principalOf, type App, type Authenticator } from '@clinic/service-kit';
import {
  errorResponses,
  IdParams,
  Notification,
  Page,
  PageQuery,
  AppointmentNotifications,
  RecipientNotifications,
  SendNotificationRequest,
} from '@clinic/contracts';
import type { NotificationUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** Every route of the notifications, in the order the OpenAPI document lists them. */
export function notificationRoutes(app: App, auth: Authenticator, notifications: NotificationUseCases) {
  manualMessageRoutes(app, auth, notifications);
  exportRoutes(app, auth, notifications);
  notificationListRoutes(app, auth, notifications);
}

/** An admin's message to one user. */
function manualMessageRoutes(app: App, auth: Authenticator, notifications: NotificationUseCases) {
  app.post(
    '/notifications/send',
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: 'NOTIFICATION_SENT' },
      schema: {
        summary: 'Send a user a message by email, recorded like every notification (ADMIN)',
        tags: ['notifications'],
        security: bearer,
        body: SendNotificationRequest,
        description:
          'With `appointment_id`, the appointment must be the user’s (its patient or its doctor): 409 APPOINTMENT_OF_ANOTHER_USER otherwise.',
        response: { 202: Notification, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(202).send(await notifications.sendManual(request.body)),
  );
}

/** A user's notifications for their export (internal, for user-service), and an appointment's for its timeline (for appointment-service). */
function exportRoutes(app: App, auth: Authenticator, notifications: NotificationUseCases) {
  app.get(
    '/internal/users/:id/notifications',
    {
      preHandler: auth.require('SERVICE'),
      schema: {
        summary: 'Every notification to a user, newest first, for their export (internal, for user-service)',
        tags: ['internal'],
        security: bearer,
        params: IdParams,
        response: { 200: RecipientNotifications, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ({ notifications: await notifications.allFor(request.params.id) }),
  );

  app.get(
    '/internal/appointments/:id/notifications',
    {
      preHandler: auth.require('SERVICE'),
      schema: {
        summary: 'Every notification about an appointment, oldest first, with its delivery status (internal, for its timeline)',
        tags: ['internal'],
        security: bearer,
        params: IdParams,
        response: { 200: AppointmentNotifications, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ({ notifications: await notifications.allAbout(request.params.id) }),
  );
}

/** The caller's, a user's and an appointment's notifications, newest first. */
function notificationListRoutes(app: App, auth: Authenticator, notifications: NotificationUseCases) {
  app.get(
    '/notifications/my',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'The caller’s notifications, newest first',
        tags: ['notifications'],
        security: bearer,
        querystring: PageQuery,
        response: { 200: Page(Notification), ...errorResponses(400, 401) },
      },
    },
    async (request) => notifications.mine(principalOf(request), request.query),
  );

  app.get(
    '/notifications/user/:id',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'A user’s notifications, newest first (ADMIN, or the user)',
        tags: ['notifications'],
        security: bearer,
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Page(Notification), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => notifications.forUser(principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/notifications/appointment/:id',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'An appointment’s notifications, newest first (its patient, its doctor, or ADMIN)',
        tags: ['notifications'],
        security: bearer,
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Page(Notification), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => notifications.forAppointment(principalOf(request), request.params.id, request.query),
  );
}

export { notificationsRepository, participantsRepository, type NewNotification, type OutgoingNotification } from './repository.ts';
export { notificationUseCases, type NotificationUseCases } from './use-cases.ts';
export { notificationRoutes } from './routes.ts';

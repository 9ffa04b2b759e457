export { appointmentEventHandler, type AppointmentEventHandler } from './event-handler.ts';
export { startDeletedUsersConsumer } from './deleted-recipients.ts';

export { bookingCommandsRepository } from './commands-repository.ts';
export { appointmentOrError, doctorCommandOrError } from './outcomes.ts';
export { bookingRequests, startBookingConsumers } from './requests.ts';
export type { BatchResult, BookingGateway, Decision, QueuedCommand } from './types.ts';

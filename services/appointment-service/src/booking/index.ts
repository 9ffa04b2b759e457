/** The booking queue: how the service hands commands to the booking worker and gets their outcomes (no decisions here). */
export { bookingCommandsRepository } from './commands-repository.ts';
export { appointmentOrError, doctorCommandOrError } from './outcomes.ts';
export { startBookingConsumers } from './consumers.ts';
export { bookingRequests } from './requests.ts';
export { patientBusy, rejected, slotTaken } from './refusals.ts';
export type { BatchResult, BookingGateway, Decision, QueuedCommand } from './types.ts';
export { observeBookingQueues } from './metrics.ts';

/** Appointments: their records, events and outbox, change rules, use cases and routes. */
export { appointmentsAheadRepository, userSnapshotsRepository } from './ahead-repository.ts';
export { appointmentsRepository } from './repository.ts';
export { appointmentOutbox, eventsRepository, handledEventsRepository } from './events-repository.ts';
export { internalEventRoutes, internalRoutes } from './internal-routes.ts';
export { ANONYMISED_PATIENT, patientsRepository } from './patients-repository.ts';
export type { PatientStanding } from './patients-repository.ts';
export type { RecordedEvent } from './events-repository.ts';
export { bookingRoutes } from './booking-routes.ts';
export { appointmentReadRoutes, listingRoutes } from './listing-routes.ts';
export { statusRoutes } from './status-routes.ts';
export { appointmentAsSeenBy, bookingFor, capApplies, capReached, changeRefusal, statusOfNewBooking, transitionAllowed } from './rules.ts';
export { appointmentUseCases } from './use-cases.ts';
export type { AppointmentUseCases } from './use-cases.ts';
export { requireVerifiedEmail, visibleAppointment } from './guards.ts';
export { startCompletion } from './completion.ts';
export { minutesOf, visitTypeRefusal } from './visit-type-rules.ts';

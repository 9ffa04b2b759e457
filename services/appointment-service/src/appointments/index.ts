export { appointmentsAheadRepository, userSnapshotsRepository } from './ahead-repository.ts';
export { appointmentOutbox, appointmentsRepository, eventsRepository, handledEventsRepository } from './appointments-repository.ts';
export { internalRoutes } from './internal-routes.ts';
export { ANONYMISED_PATIENT, patientsRepository } from './patients-repository.ts';
export type { PatientStanding } from './patients-repository.ts';
export { appointmentRoutes } from './routes.ts';
export { appointmentAsSeenBy, capApplies, capReached, transitionAllowed } from './rules.ts';
export { EXPIRY_BATCH, appointmentUseCases, requireVerifiedEmail } from './use-cases.ts';

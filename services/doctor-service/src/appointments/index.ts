// appointment-service's answers about doctors' appointments, asked with the service's own token.
export { appointmentChecks, type AppointmentChecks } from './appointment-checks.ts';
export { busyTimes, type BusyAnswer, type BusyTimes, type Span } from './busy-times.ts';

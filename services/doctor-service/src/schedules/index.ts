// Doctors' weekly working hours and time off, and the booking profile appointment-service decides with.
export { limitsInForce, type ClinicCalendar } from './clinic-calendar.ts';
export { scheduleInternalRoutes } from './internal-routes.ts';
export { schedulesRepository, type DoctorCalendar } from './repository.ts';
export { schedulesRoutes } from './routes.ts';
export { scheduleUseCases, type ScheduleUseCases } from './use-cases.ts';

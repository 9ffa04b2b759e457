// Doctors' weekly working hours and time off, and the booking profile appointment-service decides with.
export type { ClinicCalendar } from './clinic-calendar.ts';
export { scheduleInternalRoutes } from './internal-routes.ts';
export { schedulesRepository, type DoctorCalendar } from './schedules-repository.ts';
export { schedulesRoutes } from './schedules-routes.ts';
export { scheduleUseCases, type ScheduleUseCases } from './schedules.ts';

/** A doctor's calendar as a whole: retirement checks and reconciliations, decided in the doctor's booking queue. */
export { decideDoctorCommand, profileNeededBy } from './commands.ts';
export { doctorCalendarUseCases } from './use-cases.ts';
export type { DoctorCalendarUseCases } from './use-cases.ts';
export { doctorCalendarRoutes } from './routes.ts';

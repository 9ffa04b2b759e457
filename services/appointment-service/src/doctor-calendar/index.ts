export { decideDoctorCommand, profileNeededBy } from './commands.ts';
export { doctorCalendarUseCases } from './use-cases.ts';
export type { DoctorCalendarUseCases } from './use-cases.ts';
export { doctorCalendarRoutes } from './routes.ts';

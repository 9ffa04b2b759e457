// The clinic's closed days (public holidays, loaded once per year, and the admin's own), closing every doctor's times.
export { closedDaysRoutes } from './routes.ts';
export { closedDayUseCases, holidayYears, loadPublicHolidays, type ClosedDayUseCases } from './use-cases.ts';
export { romanianPublicHolidays } from './rules.ts';

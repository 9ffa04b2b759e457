// The doctors: their records, their departures, the rules of doctors and their calendars, and the
// users they are (user-service's directory and its profile events).
export { calendarLocks } from './calendar-locks.ts';
export {
  cancellationOf,
  canManageCalendar,
  invalidScheduleEntry,
  invalidTimeOff,
  scheduleEntryInput,
  scheduleEntryView,
  scheduleHasAppointments,
  timeOffView,
} from './rules.ts';
export { bookingLimitsRoutes } from './limits-routes.ts';
export { bookingLimitsUseCases, type BookingLimitsUseCases } from './limits-use-cases.ts';
export { doctorUseCases, type DoctorUseCases } from './use-cases.ts';
export { doctorsRepository } from './repository.ts';
export { doctorsRoutes } from './routes.ts';
export { doctorInternalRoutes } from './internal-routes.ts';
export { userDirectory } from './user-directory.ts';
export { startUserEventsConsumer } from './user-events.ts';

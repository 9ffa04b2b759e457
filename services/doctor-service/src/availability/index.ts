// Doctors' free slots, computed from their calendars and appointment-service's busy times (both kept in memory).
export { availabilityRoutes } from './routes.ts';
export { availabilityUseCase, type AvailabilityUseCase } from './use-cases.ts';
export { availableSlotsUseCase, type AvailableSlotsUseCase, type VisitTypeDuration } from './available-slots.ts';
export { calendarCache, listenForCalendarChanges, type CalendarCache } from './calendar-cache.ts';
export { busyCache, followBusyTimes, type BusyCache } from './busy-cache.ts';

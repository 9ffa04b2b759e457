// Doctors' free slots, computed from their calendars (kept in memory) and appointment-service's busy times.
export { availabilityRoutes } from './routes.ts';
export { availabilityUseCase, type AvailabilityUseCase } from './use-cases.ts';
export { availableSlotsUseCase, type AvailableSlotsUseCase, type VisitTypeDuration } from './available-slots.ts';
export { calendarCache, listenForCalendarChanges, type CalendarCache } from './calendar-cache.ts';

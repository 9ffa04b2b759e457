export { checkBookable } from './bookable.ts';
export { dateTimeFormat } from './formats.ts';
export { misfitOf, type FitQuery, type Misfit } from './fits.ts';
export { overlaps } from './intervals.ts';
export { closedDayOn, earliestBookable, padded } from './limits.ts';
export { memoizedAvailableSlots, memoizedCheckBookable, memoizedDayInterval } from './memo.ts';
export { DEFAULT_SLOT_MINUTES, findOverlappingEntry, validateScheduleEntry } from './schedule-entry.ts';
export { availableSlots } from './slots.ts';
export { addDays, dayInterval, DEFAULT_TIME_ZONE, localDate } from './wall-clock.ts';
export type {
  AvailableSlots,
  AvailableSlotsQuery,
  BookableCheck,
  BookableQuery,
  BookingLimits,
  BookingRejectionCode,
  ClosedDay,
  FieldProblem,
  Interval,
  NoSlotsReason,
  ScheduleEntry,
  ScheduleEntryInput,
  ScheduleEntryValidation,
  Slot,
  TimeOff,
} from './types.ts';

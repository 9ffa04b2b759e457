/** Half-open interval [start, end) of real time. */
export interface Interval {
  start: Date;
  end: Date;
}

/**
 * One recurring block of a doctor's weekly schedule. Times are wall-clock times in the clinic's
 * time zone; dates are calendar dates, `validTo` inclusive, `null` meaning open-ended.
 */
export interface ScheduleEntry {
  id: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 'HH:MM', 00:00–23:59. */
  startTime: string;
  /** 'HH:MM', 00:01–23:59, or '24:00' for the midnight that ends the day. */
  endTime: string;
  slotMinutes: number;
  validFrom: string | null;
  validTo: string | null;
}

/** A schedule entry as submitted, before it has an id and its defaults. */
export interface ScheduleEntryInput {
  weekday: number;
  startTime: string;
  endTime: string;
  /** Defaults to DEFAULT_SLOT_MINUTES. */
  slotMinutes?: number;
  validFrom?: string | null;
  validTo?: string | null;
}

/** Whole days, `endDate` inclusive, on which the doctor offers no slot. */
export interface TimeOff {
  id: string;
  startDate: string;
  endDate: string;
  reason: string;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export type ScheduleEntryValidation = { ok: true } | { ok: false; problems: FieldProblem[] };

/** A bookable slot as ISO-8601 instants with the clinic zone's offset, e.g. 2026-03-30T09:00:00+03:00. */
export interface Slot {
  start: string;
  end: string;
}

export type NoSlotsReason =
  'INVALID_DATE' | 'BEYOND_HORIZON' | 'PAST_DATE' | 'CLOSED' | 'TIME_OFF' | 'NOT_WORKING' | 'TOO_SOON' | 'FULLY_BOOKED';

/** A date on which the whole clinic is closed (a public holiday), whoever's schedule says otherwise. */
export interface ClosedDay {
  date: string;
  name: string;
}

/** The clinic's limits on what can be booked, beyond the schedule; each absent means none. */
export interface BookingLimits {
  /** A time can be booked only this many minutes or more before it starts. */
  minNoticeMinutes?: number;
  /** Minutes kept free after each appointment, and so before one: busy intervals are padded on both sides. */
  bufferMinutes?: number;
  closedDays?: readonly ClosedDay[];
}

export interface AvailableSlotsQuery extends BookingLimits {
  /** Calendar date 'YYYY-MM-DD' in the clinic's time zone. */
  date: string;
  /** IANA time zone name of the clinic. */
  timeZone: string;
  schedule: readonly ScheduleEntry[];
  timeOff: readonly TimeOff[];
  /** The doctor's active appointments. */
  busy: readonly Interval[];
  now: Date;
  /** How many days after today (in the clinic's zone) can still be booked. */
  horizonDays: number;
  /** A visit type's length: free times of this many minutes starting on the grid; one slot when absent. */
  durationMinutes?: number;
}

export interface AvailableSlots {
  slots: Slot[];
  /** Why `slots` is empty; absent whenever there are slots. */
  reason?: NoSlotsReason;
}

export interface BookableQuery extends BookingLimits {
  start: Date;
  end: Date;
  timeZone: string;
  schedule: readonly ScheduleEntry[];
  timeOff: readonly TimeOff[];
  now: Date;
  horizonDays: number;
  /** A visit type's length: the interval must last this many minutes from a slot's start; one slot when absent. */
  durationMinutes?: number;
}

export type BookingRejectionCode =
  'INVALID_INTERVAL' | 'IN_PAST' | 'BEYOND_HORIZON' | 'CLOSED' | 'TIME_OFF' | 'OUTSIDE_SCHEDULE' | 'MISALIGNED' | 'TOO_SOON';

export type BookableCheck = { ok: true } | { ok: false; code: BookingRejectionCode; message: string };

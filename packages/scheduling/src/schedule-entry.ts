import type { FieldProblem, ScheduleEntry, ScheduleEntryInput, ScheduleEntryValidation } from './types.ts';
import { isCalendarDate, isoWeekday, parseClockTime } from './wall-clock.ts';

export const DEFAULT_SLOT_MINUTES = 30;
const MIN_SLOT_MINUTES = 5;
const MAX_SLOT_MINUTES = 480;

/**
 * Checks a submitted schedule entry. An entry lies within one day: endTime may be '24:00' (midnight
 * ending the day) but not earlier than or equal to startTime, so a night shift is two entries.
 */
export function validateScheduleEntry(input: ScheduleEntryInput): ScheduleEntryValidation {
  const problems = [
    ...weekdayProblems(input.weekday),
    ...timeRangeProblems(input),
    ...validityProblems(input.validFrom ?? null, input.validTo ?? null),
  ];
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/**
 * The first existing entry the candidate would collide with: same weekday, time ranges sharing a
 * minute (touching ends are fine) and validity periods sharing a day. The candidate must be valid.
 */
export function findOverlappingEntry(existing: readonly ScheduleEntry[], candidate: ScheduleEntryInput): ScheduleEntry | undefined {
  const candidateTimes = entryTimes(candidate);
  const candidateValidity = { validFrom: candidate.validFrom ?? null, validTo: candidate.validTo ?? null };
  return existing.find((entry) => {
    const times = entryTimes(entry);
    return (
      entry.weekday === candidate.weekday &&
      times.start < candidateTimes.end &&
      candidateTimes.start < times.end &&
      validitiesOverlap(entry, candidateValidity)
    );
  });
}

/** Whether the entry is in force on the calendar date. */
export function appliesOn(entry: ScheduleEntry, date: string): boolean {
  return (
    entry.weekday === isoWeekday(date) &&
    (entry.validFrom === null || entry.validFrom <= date) &&
    (entry.validTo === null || date <= entry.validTo)
  );
}

/** Start and end of a valid entry in minutes since midnight. */
export function entryTimes(entry: Pick<ScheduleEntry, 'startTime' | 'endTime'>): { start: number; end: number } {
  const start = parseClockTime(entry.startTime);
  const end = parseClockTime(entry.endTime, { endOfDayAllowed: true });
  if (start === undefined || end === undefined || end <= start) {
    throw new TypeError(`Invalid schedule entry time range ${entry.startTime}–${entry.endTime}`);
  }
  return { start, end };
}

function weekdayProblems(weekday: number): FieldProblem[] {
  return Number.isInteger(weekday) && weekday >= 1 && weekday <= 7
    ? []
    : [{ field: 'weekday', message: 'must be an integer from 1 (Monday) to 7 (Sunday)' }];
}

function timeRangeProblems(input: ScheduleEntryInput): FieldProblem[] {
  const start = parseClockTime(input.startTime);
  const end = parseClockTime(input.endTime, { endOfDayAllowed: true });
  const slotMinutes = input.slotMinutes ?? DEFAULT_SLOT_MINUTES;
  const problems: FieldProblem[] = [];
  if (start === undefined) {
    problems.push({ field: 'startTime', message: 'must be a time HH:MM from 00:00 to 23:59' });
  }
  if (end === undefined) {
    problems.push({ field: 'endTime', message: 'must be a time HH:MM from 00:00 to 23:59, or 24:00 for midnight' });
  }
  const slotMinutesInRange = Number.isInteger(slotMinutes) && slotMinutes >= MIN_SLOT_MINUTES && slotMinutes <= MAX_SLOT_MINUTES;
  if (!slotMinutesInRange) {
    problems.push({
      field: 'slotMinutes',
      message: `must be an integer from ${MIN_SLOT_MINUTES} to ${MAX_SLOT_MINUTES}`,
    });
  }
  if (start === undefined || end === undefined) return problems;
  if (end <= start) {
    problems.push({ field: 'endTime', message: 'must be after startTime' });
  } else if (slotMinutesInRange && (end - start) % slotMinutes !== 0) {
    problems.push({
      field: 'slotMinutes',
      message: `must divide the ${end - start} minutes from startTime to endTime`,
    });
  }
  return problems;
}

function validityProblems(validFrom: string | null, validTo: string | null): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const fromIsDate = validFrom === null || isCalendarDate(validFrom);
  const toIsDate = validTo === null || isCalendarDate(validTo);
  if (!fromIsDate) problems.push({ field: 'validFrom', message: 'must be a calendar date YYYY-MM-DD or null' });
  if (!toIsDate) problems.push({ field: 'validTo', message: 'must be a calendar date YYYY-MM-DD or null' });
  if (fromIsDate && toIsDate && validFrom !== null && validTo !== null && validTo < validFrom) {
    problems.push({ field: 'validTo', message: 'must not be before validFrom' });
  }
  return problems;
}

type Validity = Pick<ScheduleEntry, 'validFrom' | 'validTo'>;

// Inclusive date ranges; null is open-ended, so it never separates two periods.
function validitiesOverlap(a: Validity, b: Validity): boolean {
  const startsByEndOf = (from: string | null, to: string | null) => from === null || to === null || from <= to;
  return startsByEndOf(a.validFrom, b.validTo) && startsByEndOf(b.validFrom, a.validTo);
}

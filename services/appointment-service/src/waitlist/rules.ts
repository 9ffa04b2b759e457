import { MAX_WAITLIST_RANGE_DAYS } from '@clinic/contracts';
import { dateTimeFormat, localDate } from '@clinic/scheduling';

/** Why a waitlist range is refused (400). */
export type RangeProblemCode = 'INVALID_RANGE' | 'RANGE_TOO_LONG' | 'IN_PAST' | 'BEYOND_HORIZON';

/** Days from one calendar date (YYYY-MM-DD) to another: 0 for the same day. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A range a patient may wait on: from today on (the clinic's today), ending no later than the last
 * bookable day (today + `horizonDays`), at most MAX_WAITLIST_RANGE_DAYS days long, both ends included.
 */
export function waitlistRangeProblem(
  range: { date_from: string; date_to: string },
  today: string,
  horizonDays: number,
): { code: RangeProblemCode; message: string } | undefined {
  if (range.date_to < range.date_from) return { code: 'INVALID_RANGE', message: 'date_to must not be before date_from' };
  if (daysBetween(range.date_from, range.date_to) + 1 > MAX_WAITLIST_RANGE_DAYS) {
    return { code: 'RANGE_TOO_LONG', message: `A waitlist range covers at most ${MAX_WAITLIST_RANGE_DAYS} days` };
  }
  if (range.date_from < today) return { code: 'IN_PAST', message: 'The range starts in the past' };
  if (daysBetween(today, range.date_to) > horizonDays) {
    return { code: 'BEYOND_HORIZON', message: `Times are booked at most ${horizonDays} days ahead` };
  }
  return undefined;
}

/** A waiting entry that could be offered a freed time, with what the worker learned about its patient then. */
export interface WaitingCandidate {
  entry_id: string;
  patient_id: string;
  /** When the patient joined: first come, first told. */
  created_at: string;
  date_from: string;
  date_to: string;
  /** The patient has an active appointment overlapping the freed time. */
  busy: boolean;
  /** The patient was offered this same time before and let the hold lapse. */
  lapsed_before: boolean;
}

/**
 * Who is offered a freed time on `date`: the entry that joined first among those whose range covers
 * the date, whose patient is free then and did not already let this time lapse.
 */
export function nextWaiter(candidates: readonly WaitingCandidate[], date: string): WaitingCandidate | undefined {
  return [...candidates]
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.entry_id.localeCompare(b.entry_id))
    .find((c) => c.date_from <= date && date <= c.date_to && !c.busy && !c.lapsed_before);
}

/** An active hold overlapping a time someone wants to book. */
export interface OverlappingHold {
  id: string;
  patient_id: string;
  expires_at: string;
  /** Its time is up (by the database's clock, which every hold runs on); its lapse is not recorded yet. */
  expired: boolean;
}

export type HoldVerdict = { kind: 'FREE' } | { kind: 'HELD'; hold: OverlappingHold } | { kind: 'OWN'; holds: OverlappingHold[] };

/**
 * Whether `patientId` may book a time that active holds overlap: not while one of them, unexpired, is
 * someone else's (HELD); the patient's own holds are used up by their booking (OWN), expired or not,
 * as long as nobody else was offered the time since. An expired hold of someone else no longer stops
 * anyone: its lapse is only waiting to be recorded.
 */
export function holdVerdict(holds: readonly OverlappingHold[], patientId: string): HoldVerdict {
  const held = holds.find((h) => h.patient_id !== patientId && !h.expired);
  if (held) return { kind: 'HELD', hold: held };
  const own = holds.filter((h) => h.patient_id === patientId);
  return own.length > 0 ? { kind: 'OWN', holds: own } : { kind: 'FREE' };
}

/**
 * When a hold of a freed time ends: `holdSeconds` after the offer, but never later than the time's
 * start less `noticeSeconds` (the doctor's minimum notice, after which the time cannot be booked anyway): a hold never outlives
 * its time, so the clinic can still give the time to someone else before it begins.
 */
export function holdEnd(offeredAt: Date, holdSeconds: number, start: Date, noticeSeconds = 0): Date {
  return new Date(Math.min(offeredAt.getTime() + holdSeconds * 1000, start.getTime() - noticeSeconds * 1000));
}

/** "2026-12-07 15:35:20 (Europe/Bucharest)": an instant as the clinic's wall clock shows it. */
export function clinicDateTime(instant: string, timeZone: string): string {
  const time = dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return `${localDate(new Date(instant), timeZone)} ${time.format(new Date(instant))} (${timeZone})`;
}

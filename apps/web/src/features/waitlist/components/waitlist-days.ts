import type { GridColumn } from '../../../lib/dates.ts';

/** Days the waitlist cannot cover: passed, not a date, or not open for booking yet. */
const OUTSIDE = new Set(['PAST_DATE', 'INVALID_DATE', 'BEYOND_HORIZON']);

/** A day whose times are all booked: someone cancelling frees one, so a patient may wait for it. */
export const isWaitableDay = (column: GridColumn) => column.slots.length === 0 && column.reason === 'FULLY_BOOKED';

/**
 * The range a patient may wait for when the week shown has no free time at all but some of it is
 * booked (a cancellation may free a time): its first to its last bookable day. Undefined when the week
 * has a free time (pick it) or nothing booked (nothing can free up).
 */
export function waitableWeek(columns: readonly GridColumn[]): { from: string; to: string } | undefined {
  if (columns.some((column) => column.slots.length > 0)) return undefined;
  if (!columns.some(isWaitableDay)) return undefined;
  const open = columns.filter((column) => !OUTSIDE.has(column.reason ?? ''));
  return { from: open[0]!.date, to: open.at(-1)!.date };
}

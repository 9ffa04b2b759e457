import type { Interval } from './types.ts';

/** Whether two half-open intervals share an instant; intervals that only touch do not. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

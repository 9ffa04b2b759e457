import { describe, expect, it } from 'vitest';
import type { GridColumn } from '../../../lib/dates.ts';
import { isWaitableDay, waitableWeek } from './waitlist-days.ts';

const day = (date: string, reason?: GridColumn['reason'], slots = 0): GridColumn => ({
  date,
  reason,
  isToday: false,
  slots: Array.from({ length: slots }, (_, i) => ({ start: `${date}T0${i}:00:00Z`, end: `${date}T0${i}:30:00Z` })),
});

describe('waiting for a freed time', () => {
  it('is offered on a fully booked day only', () => {
    expect(isWaitableDay(day('2026-04-01', 'FULLY_BOOKED'))).toBe(true);
    expect(isWaitableDay(day('2026-04-01', 'TIME_OFF'))).toBe(false);
    expect(isWaitableDay(day('2026-04-01', 'NOT_WORKING'))).toBe(false);
    expect(isWaitableDay(day('2026-04-01', undefined, 2))).toBe(false);
  });

  it('covers the week’s bookable days when the whole week has no free time and some of it is booked', () => {
    const week = [
      day('2026-03-30', 'PAST_DATE'),
      day('2026-03-31', 'FULLY_BOOKED'),
      day('2026-04-01', 'TIME_OFF'),
      day('2026-04-02', 'FULLY_BOOKED'),
      day('2026-04-03', 'NOT_WORKING'),
      day('2026-04-04', 'BEYOND_HORIZON'),
      day('2026-04-05', 'BEYOND_HORIZON'),
    ];
    expect(waitableWeek(week)).toEqual({ from: '2026-03-31', to: '2026-04-03' });
  });

  it('is not offered for the week when a time is free, or when nothing is booked to free up', () => {
    expect(waitableWeek([day('2026-03-31', 'FULLY_BOOKED'), day('2026-04-01', undefined, 1)])).toBeUndefined();
    expect(waitableWeek([day('2026-03-31', 'TIME_OFF'), day('2026-04-01', 'NOT_WORKING')])).toBeUndefined();
  });
});

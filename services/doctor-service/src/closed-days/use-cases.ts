import { conflict, inTransaction, notFound, type Pool } from '@clinic/service-kit';
import type { BookingRules, ClosedDay, ClosedDays, CreateClosedDayRequest } from '@clinic/contracts';
import { localDate } from '@clinic/scheduling';
import type { ClinicCalendar } from '../schedules/index.ts';
import { closedDaysRepository as closedDays } from './repository.ts';
import { publicHolidaysOf } from './rules.ts';

export interface ClosedDayUseCases {
  /** The closed days from `from` (today in the clinic's zone when absent) on. */
  list(from?: string): Promise<ClosedDays>;
  add(day: CreateClosedDayRequest): Promise<ClosedDay>;
  remove(date: string): Promise<void>;
  /** The clinic's default notice and buffer, and its closed days from today on. */
  rules(): Promise<BookingRules>;
}

export function closedDayUseCases(pool: Pool, clinic: ClinicCalendar): ClosedDayUseCases {
  const today = () => localDate(new Date(), clinic.timeZone);
  return {
    async list(from) {
      return { items: await closedDays.from(pool, from ?? today()) };
    },
    async add(day) {
      const added = await closedDays.insert(pool, day);
      if (!added) throw conflict('CLOSED_DAY_EXISTS', `The clinic is already closed on ${day.date}`);
      return added;
    },
    async remove(date) {
      if (!(await closedDays.remove(pool, date))) throw notFound('Closed day');
    },
    async rules() {
      return {
        min_notice_minutes: clinic.minNoticeMinutes,
        buffer_minutes: clinic.bufferMinutes,
        closed_days: await closedDays.from(pool, today()),
      };
    },
  };
}

/**
 * Closes the clinic on the country's public holidays of `years` never loaded before, and answers
 * which years it loaded. A year is loaded once: a holiday the admin removed since stays removed.
 */
export async function loadPublicHolidays(pool: Pool, country: string, years: readonly number[]): Promise<number[]> {
  return inTransaction(pool, async (tx) => {
    const claimed = await closedDays.claimYears(tx, country, years);
    await closedDays.insertMany(
      tx,
      claimed.flatMap((year) => publicHolidaysOf(country, year)),
    );
    return claimed;
  });
}

/** This year in the clinic's zone and the `ahead` years after it. */
export function holidayYears(now: Date, timeZone: string, ahead: number): number[] {
  const year = Number(localDate(now, timeZone).slice(0, 4));
  return Array.from({ length: ahead + 1 }, (_, i) => year + i);
}

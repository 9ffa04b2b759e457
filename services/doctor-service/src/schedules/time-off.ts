import { notFound, translatingViolations, type PageOf, type PageRequest, type Principal } from '@clinic/service-kit';
import type { CreateTimeOffRequest, TimeOffView } from '@clinic/contracts';
import { violationMeaning } from '../constraint-violations.ts';
import { cancellationOf, invalidTimeOff, timeOffView } from '../doctors/index.ts';
import { calendarOwnedBy } from './calendar-access.ts';
import { schedulesRepository as schedules } from './repository.ts';
import { takingTime, type TakingTimeDeps } from './taking-time.ts';

export interface TimeOffUseCases {
  timeOff(principal: Principal, doctorId: string, page: PageRequest): Promise<PageOf<TimeOffView>>;
  addTimeOff(principal: Principal, doctorId: string, request: CreateTimeOffRequest): Promise<TimeOffView>;
  removeTimeOff(principal: Principal, doctorId: string, timeOffId: string): Promise<void>;
}

/** A doctor's days off: read, added (taking time away), removed. */
export function timeOffUseCases(deps: TakingTimeDeps): TimeOffUseCases {
  const { pool } = deps;
  return {
    async timeOff(principal, doctorId, page) {
      await calendarOwnedBy(pool, principal, doctorId);
      const found = await schedules.timeOff(pool, doctorId, page);
      return { ...found, items: found.items.map((timeOff) => timeOffView(doctorId, timeOff)) };
    },

    async addTimeOff(principal, doctorId, request) {
      const invalid = invalidTimeOff(request);
      if (invalid) throw invalid;
      const cancellation = cancellationOf(principal, request);
      const timeOff = await takingTime(deps, principal, doctorId, cancellation, async (db) => {
        const added = await translatingViolations(
          () =>
            schedules.insertTimeOff(db, doctorId, {
              startDate: request.start_date,
              endDate: request.end_date,
              reason: request.reason.trim(),
            }),
          violationMeaning('write'),
        );
        return { result: added, undo: () => schedules.removeTimeOff(db, doctorId, added.id) };
      });
      return timeOffView(doctorId, timeOff);
    },

    async removeTimeOff(principal, doctorId, timeOffId) {
      await calendarOwnedBy(pool, principal, doctorId);
      if (!(await schedules.removeTimeOff(pool, doctorId, timeOffId))) throw notFound('Time off');
    },
  };
}

import { conflict, inTransaction, notFound, type Principal } from '@clinic/service-kit';
import type { CreateScheduleEntryRequest, DoctorSchedule, RemoveScheduleEntryQuery, ScheduleEntryView } from '@clinic/contracts';
import { findOverlappingEntry, validateScheduleEntry } from '@clinic/scheduling';
import { cancellationOf, canManageCalendar, invalidScheduleEntry, scheduleEntryInput, scheduleEntryView } from '../doctors/index.ts';
import { existingDoctor, notAllowed } from './calendar-access.ts';
import { schedulesRepository as schedules } from './repository.ts';
import { takingTime, type TakingTimeDeps } from './taking-time.ts';
import type { ClinicCalendar } from './clinic-calendar.ts';

export interface ScheduleEntryUseCases {
  schedule(doctorId: string): Promise<DoctorSchedule>;
  addEntry(principal: Principal, doctorId: string, request: CreateScheduleEntryRequest): Promise<ScheduleEntryView>;
  removeEntry(principal: Principal, doctorId: string, entryId: string, option?: RemoveScheduleEntryQuery): Promise<void>;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A doctor's weekly working hours: read, added to, taken from. */
export function scheduleEntryUseCases(deps: TakingTimeDeps & { clinic: ClinicCalendar }): ScheduleEntryUseCases {
  const { pool, clinic } = deps;
  return {
    async schedule(doctorId) {
      await existingDoctor(pool, doctorId);
      const entries = await schedules.entries(pool, doctorId);
      return { doctor_id: doctorId, time_zone: clinic.timeZone, entries: entries.map((entry) => scheduleEntryView(doctorId, entry)) };
    },

    async addEntry(principal, doctorId, request) {
      const input = scheduleEntryInput(request);
      const validation = validateScheduleEntry(input);
      if (!validation.ok) throw invalidScheduleEntry(validation.problems);
      // The doctor's row stays locked until the entry is in: one schedule change of a doctor at a time.
      const entry = await inTransaction(pool, async (tx) => {
        const doctor = await schedules.lockDoctor(tx, doctorId);
        if (!doctor) throw notFound('Doctor');
        if (!canManageCalendar(principal, doctor)) throw notAllowed();
        const overlapping = findOverlappingEntry(await schedules.entries(tx, doctorId), input);
        if (overlapping) {
          throw conflict(
            'SCHEDULE_OVERLAP',
            `The entry overlaps the doctor's ${WEEKDAYS[overlapping.weekday - 1]} ${overlapping.startTime}–${overlapping.endTime} entry`,
            { overlapping: scheduleEntryView(doctorId, overlapping) },
          );
        }
        return schedules.insertEntry(tx, doctorId, input);
      });
      return scheduleEntryView(doctorId, entry);
    },

    async removeEntry(principal, doctorId, entryId, option = {}) {
      const cancellation = cancellationOf(principal, option);
      await takingTime(deps, principal, doctorId, cancellation, async (db) => {
        const taken = await schedules.takeEntry(db, doctorId, entryId);
        if (!taken) throw notFound('Schedule entry');
        return { result: undefined, undo: () => schedules.restoreEntry(db, doctorId, taken) };
      });
    },
  };
}

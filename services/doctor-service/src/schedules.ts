import { randomUUID } from 'node:crypto';
import {
  conflict,
  inTransaction,
  notFound,
  translatingViolations,
  type Logger,
  type PageOf,
  type PageRequest,
  type Pool,
  type PoolClient,
  type Principal,
} from '@clinic/service-kit';
import type {
  AvailableSlots,
  DoctorCancellation,
  RemoveScheduleEntryQuery,
  CreateScheduleEntryRequest,
  CreateTimeOffRequest,
  DoctorBookingProfile,
  DoctorSchedule,
  ScheduleEntryView,
  TimeOffView,
} from '@clinic/contracts';
import { findOverlappingEntry, memoizedAvailableSlots, memoizedDayInterval, validateScheduleEntry } from '@clinic/scheduling';
import type { AppointmentChecks } from './appointment-checks.ts';
import type { BusyTimes } from './busy-times.ts';
import type { CalendarCache } from './calendar-cache.ts';
import {
  cancellationOf,
  canManageCalendar,
  invalidScheduleEntry,
  invalidTimeOff,
  scheduleEntryInput,
  scheduleEntryView,
  scheduleHasAppointments,
  timeOffView,
} from './doctor-rules.ts';
import { violationMeaning } from './constraint-violations.ts';
import { doctorsRepository as doctors } from './doctors-repository.ts';
import { calendarLocks, schedulesRepository as schedules } from './schedules-repository.ts';

/** The clinic's settings every schedule is read with. */
export interface ClinicCalendar {
  timeZone: string;
  horizonDays: number;
}

export interface ScheduleUseCases {
  schedule(doctorId: string): Promise<DoctorSchedule>;
  addEntry(principal: Principal, doctorId: string, request: CreateScheduleEntryRequest): Promise<ScheduleEntryView>;
  removeEntry(principal: Principal, doctorId: string, entryId: string, option?: RemoveScheduleEntryQuery): Promise<void>;
  timeOff(principal: Principal, doctorId: string, page: PageRequest): Promise<PageOf<TimeOffView>>;
  addTimeOff(principal: Principal, doctorId: string, request: CreateTimeOffRequest): Promise<TimeOffView>;
  removeTimeOff(principal: Principal, doctorId: string, timeOffId: string): Promise<void>;
  availableSlots(doctorId: string, date: string): Promise<AvailableSlots>;
  bookingProfile(doctorId: string): Promise<DoctorBookingProfile>;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Another doctor's calendar is answered as missing, not forbidden: the SPEC's rule for someone else's resource. */
const notAllowed = () => notFound('Doctor');

export function scheduleUseCases(
  pool: Pool,
  calendars: CalendarCache,
  busy: BusyTimes,
  checks: AppointmentChecks,
  clinic: ClinicCalendar,
  logger: Logger,
): ScheduleUseCases {
  // The schedule's slots of a date are computed once, not on every request (see memo.ts in @clinic/scheduling).
  const daySlots = memoizedAvailableSlots();
  const dayInterval = memoizedDayInterval();

  async function existingDoctor(doctorId: string) {
    const doctor = await doctors.find(pool, doctorId);
    if (!doctor) throw notFound('Doctor');
    return doctor;
  }

  async function calendarOwnedBy(principal: Principal, doctorId: string) {
    if (!canManageCalendar(principal, await existingDoctor(doctorId))) throw notAllowed();
  }

  /**
   * A change that takes time away from the doctor (hours removed, time off added), made on one
   * connection holding the doctor's calendar lock (no other change of that calendar, nor the doctor's
   * deletion, runs meanwhile). `change` commits at once; then appointment-service lists, in the doctor's
   * booking queue, the appointments ahead the changed calendar no longer holds: a booking decided
   * before that is listed, one decided after it is checked against the changed calendar. Listed
   * appointments are cancelled there with `cancellation`; without it the change is undone and refused
   * (409 SCHEDULE_HAS_APPOINTMENTS with the list). When appointment-service cannot answer, even when
   * asked again under the same Idempotency-Key, the change is undone too (503), so no appointment is
   * left without a time unseen. (Only a cancellation decided whose every answer was lost stands with
   * its change undone: its patients were told, as asked, and the admin retries the change.)
   */
  async function takingTime<T>(
    principal: Principal,
    doctorId: string,
    cancellation: DoctorCancellation | undefined,
    change: (db: PoolClient) => Promise<{ result: T; undo: () => Promise<unknown> }>,
  ): Promise<T> {
    const db = await pool.connect();
    let held = false;
    try {
      await calendarLocks.hold(db, doctorId);
      held = true;
      const owner = await schedules.owner(db, doctorId);
      if (!owner) throw notFound('Doctor');
      if (!canManageCalendar(principal, owner)) throw notAllowed();
      const { result, undo } = await change(db);
      const undone = () =>
        undo().catch((error: unknown) => {
          logger.error({ err: error, doctorId }, 'calendar change not undone; the appointments it affects may have no time');
        });
      let affected;
      try {
        affected = await checks.reconcile(doctorId, randomUUID(), cancellation);
      } catch (error) {
        await undone();
        throw error;
      }
      if (!cancellation && affected.appointments.length > 0) {
        await undone();
        throw scheduleHasAppointments(affected.appointments);
      }
      return result;
    } finally {
      const released =
        !held ||
        (await calendarLocks.release(db, doctorId).then(
          () => true,
          () => false,
        ));
      // A connection whose lock may still be held is closed, never handed to another request.
      db.release(!released);
    }
  }

  return {
    async schedule(doctorId) {
      await existingDoctor(doctorId);
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
      await takingTime(principal, doctorId, cancellation, async (db) => {
        const taken = await schedules.takeEntry(db, doctorId, entryId);
        if (!taken) throw notFound('Schedule entry');
        return { result: undefined, undo: () => schedules.restoreEntry(db, doctorId, taken) };
      });
    },

    async timeOff(principal, doctorId, page) {
      await calendarOwnedBy(principal, doctorId);
      const found = await schedules.timeOff(pool, doctorId, page);
      return { ...found, items: found.items.map((timeOff) => timeOffView(doctorId, timeOff)) };
    },

    async addTimeOff(principal, doctorId, request) {
      const invalid = invalidTimeOff(request);
      if (invalid) throw invalid;
      const cancellation = cancellationOf(principal, request);
      const timeOff = await takingTime(principal, doctorId, cancellation, async (db) => {
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
      await calendarOwnedBy(principal, doctorId);
      if (!(await schedules.removeTimeOff(pool, doctorId, timeOffId))) throw notFound('Time off');
    },

    async availableSlots(doctorId, date) {
      const { found, schedule, timeOff } = await calendars.of(doctorId);
      if (!found) throw notFound('Doctor');
      // The date's time off alone: the remembered slots of a date are kept under what it is computed from.
      const timeOffOfDate = timeOff.filter((t) => t.startDate <= date && t.endDate >= date);
      const query = {
        date,
        timeZone: clinic.timeZone,
        schedule,
        timeOff: timeOffOfDate,
        busy: [],
        now: new Date(),
        horizonDays: clinic.horizonDays,
      };
      let slots = daySlots(query);
      // Appointments are asked for only when the schedule offers something they could take.
      if (slots.slots.length > 0) {
        const day = dayInterval(date, clinic.timeZone);
        const taken = await busy.of(doctorId, { from: day.start, to: day.end });
        if (taken.length > 0) slots = daySlots({ ...query, busy: taken });
      }
      return { doctor_id: doctorId, date, time_zone: clinic.timeZone, ...slots };
    },

    async bookingProfile(doctorId) {
      // Both at once: the booking worker waits for this answer before deciding its batch. Read from
      // the database every time, never from the kept calendars: a booking is not decided on a calendar a moment old.
      const [doctor, { schedule, timeOff }] = await Promise.all([
        doctors.find(pool, doctorId),
        schedules.calendar(pool, doctorId, clinic.timeZone),
      ]);
      if (!doctor) throw notFound('Doctor');
      return {
        doctor: {
          id: doctor.id,
          user_id: doctor.user_id,
          full_name: doctor.full_name,
          email: doctor.email,
          specialization: doctor.specialization,
          cabinet: doctor.cabinet,
        },
        schedule,
        time_off: timeOff,
        time_zone: clinic.timeZone,
        horizon_days: clinic.horizonDays,
      };
    },
  };
}

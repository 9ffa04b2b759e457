import { inTransaction, notFound, type Logger, type Pool, type Principal } from '@clinic/service-kit';
import type { AppointmentRules, AppointmentStatus, BookingRules } from '@clinic/contracts';
import { appointmentsRepository as appointments, type StaffListFilter } from './repository.ts';
import { eventsRepository as events } from './events-repository.ts';
import { visibleAppointment, type ChangeRules } from './guards.ts';
import { remindersRepository as reminders } from './reminders-repository.ts';
import { ACTIVE_STATUSES, HISTORY_STATUSES, listingScope } from './rules.ts';

/** Reading appointments: one, the caller's, a staff listing, a doctor's busy times, the change rules. */
export function queryUseCases(pool: Pool, rules: ChangeRules, bookingRules: () => Promise<BookingRules>) {
  return {
    get: (principal: Principal, id: string) => visibleAppointment(pool, principal, id),

    /**
     * What a client shows before anyone tries a change: until when a patient may still change their own;
     * and, from doctor-service, which owns them, the clinic's notice, buffer and closed days (left out
     * when doctor-service does not answer: the change rules are still worth showing).
     */
    async rules(log?: Logger): Promise<AppointmentRules> {
      const booking = await bookingRules().catch((error: unknown) => {
        log?.warn({ err: error }, 'the clinic’s booking rules are left out: doctor-service did not answer');
        return undefined;
      });
      return {
        patient_change_cutoff_hours: rules.patientChangeCutoffHours,
        max_future_appointments_per_patient: rules.maxFutureAppointmentsPerPatient,
        max_waitlist_entries_per_patient: rules.maxWaitlistEntriesPerPatient,
        waitlist_hold_seconds: rules.waitlistHoldSeconds,
        no_show_grace_minutes: rules.noShowGraceMinutes,
        ...(booking ? { booking } : {}),
      };
    },

    mine: (principal: Principal) => appointments.listForPatient(pool, principal.id, ACTIVE_STATUSES),
    history: (principal: Principal, status?: AppointmentStatus) =>
      appointments.listForPatient(pool, principal.id, status ? [status] : HISTORY_STATUSES),

    list(principal: Principal, filter: Omit<StaffListFilter, 'doctorUserId'>) {
      return appointments.listForStaff(pool, { ...filter, ...listingScope(principal) });
    },

    busy: (doctorId: string, from: string, to?: string) => appointments.busyIntervals(pool, doctorId, from, to),
  };
}

/** How many PENDING appointments one run of the expiry job turns EXPIRED (the next run takes the rest at once). */
export const EXPIRY_BATCH = 100;

/** The reminder worker's and the expiry job's steps; `onChange` relays the events they record at once. */
export function reminderUseCases(pool: Pool, onChange: () => void) {
  return {
    /** Records REMINDER_DUE once per appointment and start time (the reminder worker's step); false when it exists already. */
    async recordReminderDue(id: string): Promise<{ recorded: boolean }> {
      const { found, event } = await reminders.recordDue(pool, id);
      if (!found) throw notFound('Appointment');
      if (event) onChange();
      return { recorded: event !== undefined };
    },

    dueReminders: (from: string, to: string, unremindedOnly: boolean) => reminders.due(pool, from, to, unremindedOnly),

    /**
     * The expiry job's step (every replica runs it): PENDING appointments whose start passed unconfirmed
     * become EXPIRED, each with its EXPIRED event (the patient is told). Answers how many; a full batch
     * means more may be waiting.
     */
    async expirePast(): Promise<number> {
      const expired = await inTransaction(pool, async (tx) => {
        const rows = await appointments.expirePast(tx, EXPIRY_BATCH);
        for (const row of rows) await events.record(tx, 'EXPIRED', row);
        return rows.length;
      });
      if (expired > 0) onChange();
      return expired;
    },
  };
}

import { randomUUID } from 'node:crypto';
import { addDays, dayInterval, localDate } from '@clinic/scheduling';
import type { Logger, Pool } from '@clinic/service-kit';
import type { Appointment } from '@clinic/contracts';
import type { PlatformDirectory } from '../directory/index.ts';
import { renderMessage, type ClinicInfo } from '../messages/index.ts';
import { notificationsRepository as notifications, type NewNotification } from '../notifications/index.ts';
import { reminderRunsRepository as runs } from './repository.ts';

export interface ReminderWorkerDeps {
  pool: Pool;
  directory: PlatformDirectory;
  clinic: ClinicInfo;
  /** An appointment booked after the night's run is reminded if it starts at least this much later. */
  minLeadHours: number;
  /** Called when notifications were claimed, so they are sent at once. */
  onClaimed: () => void;
  logger: Logger;
  now?: () => Date;
}

/**
 * The reminder run (seed flow 5.2), started at midnight by the cron and again by every catch-up tick on
 * every replica; running it often or on several replicas at once does nothing twice:
 * - every PENDING/CONFIRMED appointment starting between now + `minLeadHours` and the end of tomorrow
 *   gets its REMINDER_DUE recorded by appointment-service, once per appointment and start time (so a
 *   booking made after midnight, or a night no replica was up, is caught up); the event then reaches
 *   this service like any other and the patient's reminder is sent;
 * - once per clinic day (a row in `reminder_runs`, locked while it runs, marked done in the same
 *   transaction), each doctor with appointments tomorrow gets the day's agenda.
 */
export function reminderWorker({ pool, directory, clinic, minLeadHours, onClaimed, logger, now = () => new Date() }: ReminderWorkerDeps) {
  async function agendas(tomorrow: string, appointments: Appointment[]): Promise<number> {
    const byDoctor = new Map<string, Appointment[]>();
    for (const a of appointments) byDoctor.set(a.doctor_user_id, [...(byDoctor.get(a.doctor_user_id) ?? []), a]);
    const agenda: NewNotification[] = [];
    for (const [doctorUserId, list] of byDoctor) {
      const contact = await directory.contact(doctorUserId);
      const language = contact?.language ?? 'ro';
      const doctorName = list[0]!.doctor_name;
      const rendered = renderMessage(
        { type: 'DAILY_AGENDA', audience: 'DOCTOR', doctorName, day: tomorrow, appointments: list },
        language,
        clinic,
      );
      agenda.push({
        id: randomUUID(),
        sourceKey: `agenda:${tomorrow}`,
        eventId: null,
        appointmentId: null,
        type: 'DAILY_AGENDA',
        recipientId: doctorUserId,
        recipientEmail: contact?.email ?? list[0]!.doctor_email,
        language,
        subject: rendered.subject,
        body: rendered.text,
        bodyHtml: rendered.html,
        ics: null,
        icsMethod: null,
      });
    }
    return notifications.claim(pool, agenda);
  }

  return {
    async run(): Promise<{ reminded: number; agenda: 'ran' | 'done' | 'busy' }> {
      const at = now();
      const today = localDate(at, clinic.timeZone);
      const tomorrow = addDays(today, 1);
      const { start: tomorrowStart, end: tomorrowEnd } = dayInterval(tomorrow, clinic.timeZone);

      let reminded = 0;
      const earliest = new Date(at.getTime() + minLeadHours * 3_600_000);
      for (const appointment of await directory.dueReminders(earliest, tomorrowEnd, true)) {
        if (await directory.recordReminderDue(appointment.id)) reminded += 1;
      }

      const agenda = await runs.runOnce(pool, today, async () => {
        const claimed = await agendas(tomorrow, await directory.dueReminders(tomorrowStart, tomorrowEnd, false));
        if (claimed > 0) onClaimed();
        logger.info({ day: today, agendas: claimed }, 'daily reminder run done');
      });
      if (reminded > 0) logger.info({ reminded }, 'reminders recorded');
      return { reminded, agenda };
    },
  };
}

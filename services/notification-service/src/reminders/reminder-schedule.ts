import { Cron } from 'croner';

/**
 * The nightly reminder run's schedule, in the clinic's time zone (midnight by default, whatever the
 * server's own zone and across daylight saving changes). `onTime` only starts the run early: the
 * catch-up tick runs it too, so a night no replica was up is not lost.
 */
export function nightlySchedule(cron: string, timeZone: string, onTime: () => void): Cron {
  return new Cron(cron, { timezone: timeZone, protect: true }, onTime);
}

/** When the schedule next fires after `from` (for tests and the start-up log line). */
export function nextRun(cron: string, timeZone: string, from: Date): Date | null {
  const schedule = new Cron(cron, { timezone: timeZone, paused: true });
  try {
    return schedule.nextRun(from);
  } finally {
    schedule.stop();
  }
}

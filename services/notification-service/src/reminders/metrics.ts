import { gaugeAtScrape, type Pool } from '@clinic/service-kit';
import { reminderRunsRepository as runs } from './repository.ts';

/**
 * `clinic_reminder_run_last_success_timestamp_seconds`: when the last nightly run finished, read from
 * `reminder_runs` at each scrape, so every replica reports the clinic's run whichever replica ran it,
 * and a restart does not forget it. 0 before the first run.
 */
export function observeReminderRuns(pool: Pool): void {
  gaugeAtScrape(
    {
      name: 'clinic_reminder_run_last_success_timestamp_seconds',
      help: 'When the last nightly reminder run finished (seconds since the epoch; 0 before the first)',
    },
    async (gauge) => gauge.set((await runs.lastCompleted(pool)) ?? 0),
  );
}

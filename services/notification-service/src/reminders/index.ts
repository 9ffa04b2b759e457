export { reminderWorker } from './reminders.ts';
export { nightlySchedule } from './reminder-schedule.ts';
export { observeReminderRuns } from './metrics.ts';

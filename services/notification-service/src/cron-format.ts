// Service-wide, at the top of src/: config.ts validates REMINDER_CRON with this format, and config.ts
// imports nothing from the capability folders.
import { Cron } from 'croner';
import { Format } from 'typebox/format';

/** A cron expression croner accepts; a malformed one fails the start with the variable named. */
Format.Set('cron', (value) => {
  try {
    new Cron(value, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
});

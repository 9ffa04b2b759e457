import { DOCTOR_CALENDAR_CHANNEL, type DoctorBookingProfile } from '@clinic/contracts';
import { announcedCache, databaseConnection, listenForChanges, type ChannelListener, type Logger } from '@clinic/service-kit';
import { doctorDirectory, type DoctorDirectory } from './doctor-directory.ts';

/**
 * Longest a booking profile is kept without an announcement: what doctor-service takes from its own
 * settings (the clinic's zone, horizon, default notice and buffer) changes with no row, when it is
 * started again with other settings.
 */
const KEPT_AT_MOST_MS = 60_000;

/**
 * doctor-service's booking profiles kept in memory: the booking worker reads one for every batch, and
 * they change rarely. doctor-service's database announces every change of what a profile is made of on
 * the channel doctor_calendar (its migrations 004, 006 and 007), and a doctor's kept profile is forgotten
 * then. A kept profile is used only once every announcement committed before the question has been
 * heard (ChannelListener.caughtUp): a batch is decided on the calendar as committed when it starts,
 * as when the profile was asked of doctor-service each time, so that a booking decided after a
 * calendar change's RECONCILE_DOCTOR command is checked against the changed calendar.
 */
export function keptDoctorDirectory(
  config: { DOCTOR_SERVICE_URL: string; DATABASE_URL: string; DATABASE_CA?: string },
  serviceToken: () => Promise<string>,
  logger: Logger,
): DoctorDirectory & { close(): Promise<void> } {
  const directory = doctorDirectory(config.DOCTOR_SERVICE_URL, serviceToken);
  // Asked only once the listener listens (the cache keeps nothing before): `listener` is set by then.
  const cache = announcedCache<DoctorBookingProfile | undefined>({
    changesAt: () => Date.now() + KEPT_AT_MOST_MS,
    catchUp: () => listener.caughtUp(),
  });
  const listener: ChannelListener = listenForChanges({
    databaseUrl: databaseConnection(config),
    channel: DOCTOR_CALENDAR_CHANNEL,
    cache,
    logger,
  });
  return {
    ...directory,
    bookingProfile: (doctorId) => cache.of(doctorId, '', () => directory.bookingProfile(doctorId)),
    close: () => listener.close(),
  };
}

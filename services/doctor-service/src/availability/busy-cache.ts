import { DOCTOR_BUSY_CHANNEL } from '@clinic/contracts';
import {
  announcedCache,
  listenForChanges,
  type AnnouncedCache,
  type ChannelListener,
  type DatabaseConnection,
  type Logger,
} from '@clinic/service-kit';
import type { BusyAnswer, BusyTimes } from '../appointments/index.ts';

export type BusyCache = BusyTimes & Pick<AnnouncedCache<BusyAnswer>, 'forget' | 'trust'>;

/**
 * appointment-service's busy times kept in memory: available slots ask them on every answer, and they
 * change only when an appointment or a hold of the doctor does, which appointment-service's database
 * announces at commit (its migration 014). A kept answer is given only once every announcement
 * committed before the question has been heard (`catchUp`): a patient who has just cancelled sees the
 * time free. A hold's expiry changes an answer with no announcement, so an answer is kept only until
 * the first expiry it holds.
 */
export function busyCache(busy: BusyTimes, catchUp: () => Promise<void>): BusyCache {
  const cache = announcedCache<BusyAnswer>({ changesAt: (answer) => answer.changesAt?.getTime(), catchUp });
  return {
    of: (doctorId, span) => cache.of(doctorId, `${span.from.toISOString()}/${span.to?.toISOString() ?? ''}`, () => busy.of(doctorId, span)),
    forget: cache.forget,
    trust: cache.trust,
  };
}

/** `busy` kept in memory, told of every change of a doctor's appointments and holds, committed by anyone. */
export function followBusyTimes(options: { busy: BusyTimes; databaseUrl: DatabaseConnection; logger: Logger }) {
  // Asked only once the listener listens (the cache keeps nothing before): `listener` is set by then.
  const cache = busyCache(options.busy, () => listener.caughtUp());
  const listener: ChannelListener = listenForChanges({ ...options, channel: DOCTOR_BUSY_CHANNEL, cache });
  return { busy: cache as BusyTimes, close: () => listener.close() };
}

import { DOCTOR_BUSY_CHANNEL } from '@clinic/contracts';
import type { DatabaseConnection, Logger } from '@clinic/service-kit';
import type { BusyAnswer, BusyTimes } from '../appointments/index.ts';
import { announcedCache, listenForChanges, type AnnouncedCache } from './announced-cache.ts';

export type BusyCache = BusyTimes & Pick<AnnouncedCache<BusyAnswer>, 'forget' | 'trust'>;

/**
 * appointment-service's busy times kept in memory: available slots ask them on every answer, and they
 * change only when an appointment or a hold of the doctor does, which appointment-service's database
 * announces at commit (its migration 014). A hold's expiry changes an answer with no announcement, so
 * an answer is kept only until the first expiry it holds.
 */
export function busyCache(busy: BusyTimes): BusyCache {
  const cache = announcedCache<BusyAnswer>({ changesAt: (answer) => answer.changesAt?.getTime() });
  return {
    of: (doctorId, span) => cache.of(doctorId, `${span.from.toISOString()}/${span.to?.toISOString() ?? ''}`, () => busy.of(doctorId, span)),
    forget: cache.forget,
    trust: cache.trust,
  };
}

/** Keeps `cache` told of every change of a doctor's appointments and holds, committed by any replica. */
export function listenForBusyChanges(options: { databaseUrl: DatabaseConnection; cache: BusyCache; logger: Logger }) {
  return listenForChanges({ ...options, channel: DOCTOR_BUSY_CHANNEL });
}

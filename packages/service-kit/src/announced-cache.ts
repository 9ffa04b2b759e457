import { listenToChannel, type ChannelListener } from './channel-listener.ts';
import type { DatabaseConnection } from './db.ts';
import type { Logger } from './logger.ts';

/**
 * Answers about a doctor kept in memory for as long as the database announces every change of them
 * (a LISTEN on a channel whose payload is the doctor's id): the calendars available slots are computed
 * from, and the times appointments take.
 */
export interface AnnouncedCache<T> {
  /** What `load` answers for the doctor and `key`: from memory while no change of it can have been missed, else loaded. */
  of(doctorId: string, key: string, load: () => Promise<T>): Promise<T>;
  /** Forgets one doctor's answers, or every one. */
  forget: (doctorId?: string) => void;
  /**
   * Whether answers may be kept: only while every change is sure to be heard of (the announcements'
   * connection is up). Either way what is known is forgotten.
   */
  trust: (trusted: boolean) => void;
}

export interface AnnouncedCacheOptions<T> {
  /** Doctors remembered at most; past it the doctor read longest ago goes. Default 10,000. */
  capacity?: number;
  /** Answers remembered per doctor at most; past it the oldest goes. Default 32. */
  keysPerDoctor?: number;
  /** When an answer changes by itself, with no announcement (epoch ms), or undefined: only a change does. */
  changesAt?: (value: T) => number | undefined;
  /**
   * For answers that must show every change committed before they were asked for (a patient who has
   * just cancelled looks for the freed time): resolves once every announcement committed before the
   * call has been heard (ChannelListener.caughtUp). A kept answer is given only after it; when it fails,
   * the answer is loaded. Without it a kept answer may lag a change by the announcement's delivery.
   */
  catchUp?: () => Promise<void>;
}

interface Kept<T> {
  value: T;
  until: number;
}

/**
 * A read that began before a `forget` is answered but not kept, so an answer read while its rows changed
 * is never remembered in its old state.
 */
export function announcedCache<T>({
  capacity = 10_000,
  keysPerDoctor = 32,
  changesAt,
  catchUp,
}: AnnouncedCacheOptions<T> = {}): AnnouncedCache<T> {
  const known = new Map<string, Map<string, Kept<T>>>();
  let trusted = false;
  // Counts forgets: a read is kept only when none happened while it ran.
  let forgets = 0;
  const forgetAll = () => {
    forgets++;
    known.clear();
  };
  const keep = (doctorId: string, key: string, value: T) => {
    let answers = known.get(doctorId);
    if (!answers) {
      answers = new Map();
      known.set(doctorId, answers);
      if (known.size > capacity) known.delete(known.keys().next().value!);
    }
    answers.set(key, { value, until: changesAt?.(value) ?? Infinity });
    if (answers.size > keysPerDoctor) answers.delete(answers.keys().next().value!);
  };
  return {
    async of(doctorId, key, load) {
      if (catchUp && trusted && known.get(doctorId)?.has(key)) {
        try {
          await catchUp();
        } catch {
          return load();
        }
      }
      const kept = trusted ? known.get(doctorId)?.get(key) : undefined;
      if (kept && kept.until > Date.now()) return kept.value;
      const forgetsBefore = forgets;
      const value = await load();
      if (trusted && forgets === forgetsBefore) keep(doctorId, key, value);
      return value;
    },
    forget(doctorId) {
      if (doctorId === undefined) return forgetAll();
      forgets++;
      known.delete(doctorId);
    },
    trust(value) {
      trusted = value;
      forgetAll();
    },
  };
}

/**
 * Keeps `cache` told of every change announced on `channel` (committed by anyone: any replica, another
 * service, a migration): while the announcements' connection is down nothing is kept. An empty payload
 * forgets every doctor.
 */
export function listenForChanges(options: {
  databaseUrl: DatabaseConnection;
  channel: string;
  cache: Pick<AnnouncedCache<unknown>, 'forget' | 'trust'>;
  logger: Logger;
}): ChannelListener {
  const { cache } = options;
  return listenToChannel({
    ...options,
    onNotification: (doctorId) => cache.forget(doctorId || undefined),
    onListening: (listening) => cache.trust(listening),
  });
}

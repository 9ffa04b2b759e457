/**
 * What a process remembers of users' contacts (address, name, language) between user-service's
 * answers, as plain data: kept for `maxAgeMs` at most, at most `maxEntries` of them (the oldest
 * forgotten first), forgotten at once when user-service says a user changed, and never given again
 * for a user whose account was deleted.
 *
 * A look-up that started before a user changed must not store the profile from before the change:
 * every forgetting moves `epoch` on, and `remember` stores only an answer asked for in the current epoch.
 */
export interface ContactCacheOptions {
  maxAgeMs: number;
  maxEntries: number;
  now?: () => number;
}

/** A hit: the contact, or `deleted` for a user whose account is gone (user-service would answer 404). */
export type CachedContact<T> = { contact: T } | { deleted: true };

export function contactCache<T>({ maxAgeMs, maxEntries, now = Date.now }: ContactCacheOptions) {
  const entries = new Map<string, { contact: T; at: number }>();
  // Deleted accounts are never made again (user-service refuses their tokens for good): remembered
  // for the life of the process, bounded like the entries.
  const deleted = new Set<string>();
  let epoch = 0;

  const bounded = (size: () => number, dropOldest: () => void) => {
    while (size() > maxEntries) dropOldest();
  };

  return {
    /** Moves on with every forgetting; pass the value read before a look-up to `remember`. */
    get epoch() {
      return epoch;
    },

    /** What is remembered of the user, if it is young enough. */
    find(userId: string): CachedContact<T> | undefined {
      if (deleted.has(userId)) return { deleted: true };
      const entry = entries.get(userId);
      if (!entry) return undefined;
      if (now() - entry.at >= maxAgeMs) {
        entries.delete(userId);
        return undefined;
      }
      return { contact: entry.contact };
    },

    /** Stores user-service's answer, unless something was forgotten since the look-up began (`askedAt`). */
    remember(userId: string, contact: T, askedAt: number): void {
      if (askedAt !== epoch || deleted.has(userId)) return;
      entries.delete(userId);
      entries.set(userId, { contact, at: now() });
      bounded(
        () => entries.size,
        () => entries.delete(entries.keys().next().value!),
      );
    },

    /** The user changed: asked again next time. */
    forget(userId: string): void {
      epoch += 1;
      entries.delete(userId);
    },

    /** The user's account was deleted: their contact is never given again. */
    forgetDeleted(userId: string): void {
      epoch += 1;
      entries.delete(userId);
      deleted.add(userId);
      bounded(
        () => deleted.size,
        () => deleted.delete(deleted.values().next().value!),
      );
    },

    /** Everything may have changed (the changes were not heard): every contact is asked again. */
    forgetAll(): void {
      epoch += 1;
      entries.clear();
    },

    get size() {
      return entries.size;
    },
  };
}

export type ContactCache<T> = ReturnType<typeof contactCache<T>>;

import { randomUUID } from 'node:crypto';
import { UserEvent, type UserContact } from '@clinic/contracts';
import { callService, forwardError } from '@clinic/service-kit';
import { Compile } from 'typebox/compile';
import { logConsumerErrors, type Broker } from './broker.ts';
import { contactCache } from './contact-cache.ts';
import type { ConsumeLogger } from './consume.ts';
import { EVENTS_EXCHANGE, eventRoutingKey } from './topology.ts';

/** The longest a contact is given from memory: a change whose event was not heard shows after this at the latest. */
export const CONTACT_MAX_AGE_MS = 60_000;
/** Contacts one process remembers. */
const CONTACT_MAX_ENTRIES = 10_000;

export interface UserContacts {
  /** The user's address, name and language as user-service has them; undefined when it does not know the user (404). */
  contact(userId: string): Promise<UserContact | undefined>;
  /** Resolves once the queue of user events is first subscribed (until then every look-up asks user-service). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface FollowUserContactsOptions {
  broker: Broker;
  /** Asks user-service; undefined for a user it does not know. */
  load: (userId: string) => Promise<UserContact | undefined>;
  logger: ConsumeLogger;
  /** Names this process's queue (e.g. the replica's name). */
  name: string;
  maxAgeMs?: number;
}

/**
 * The contacts of users, asked of user-service once and then remembered, forgotten when user-service's
 * `user.updated` or `user.deleted` says the user changed. Every process needs every change, so each
 * has a queue of its own, exclusive and auto-deleted, like the token revocations. What was published
 * while the process was not subscribed (before it started, or cut off from the broker) was not heard:
 * nothing is remembered until the queue is subscribed, and everything is forgotten each time it is
 * subscribed again. Remembering stops at `maxAgeMs` in any case. A deleted user's contact is never
 * given from memory: the deletion's event forgets it for good, and a look-up under way then is not stored.
 */
export function followUserContacts({ broker, load, logger, name, maxAgeMs = CONTACT_MAX_AGE_MS }: FollowUserContactsOptions): UserContacts {
  const cache = contactCache<UserContact>({ maxAgeMs, maxEntries: CONTACT_MAX_ENTRIES });
  const asking = new Map<string, Promise<UserContact | undefined>>();
  const queue = `user.contacts.${name}.${randomUUID()}`;
  const validator = Compile(UserEvent);
  let subscribed = false;

  const consumer = broker.connection.createConsumer(
    {
      queue,
      queueOptions: { exclusive: true, autoDelete: true },
      noAck: true,
      exchanges: [{ exchange: EVENTS_EXCHANGE, type: 'topic', durable: true }],
      queueBindings: ['UPDATED', 'DELETED'].map((type) => ({
        queue,
        exchange: EVENTS_EXCHANGE,
        routingKey: eventRoutingKey('user', type),
      })),
    },
    (message) => {
      const event: unknown = message.body;
      if (!validator.Check(event)) {
        logger.warn({ queue, messageId: message.messageId }, 'malformed user event ignored');
        return;
      }
      asking.delete(event.userId);
      if (event.type === 'DELETED') cache.forgetDeleted(event.userId);
      else cache.forget(event.userId);
    },
  );
  // Cut off from the broker (the channel's error), changes go unheard: nothing is given from memory
  // until subscribed again.
  logConsumerErrors(consumer, logger, 'user contacts').on('error', () => {
    subscribed = false;
    asking.clear();
    cache.forgetAll();
  });
  const ready = new Promise<void>((resolve) =>
    consumer.on('ready', () => {
      asking.clear();
      cache.forgetAll();
      subscribed = true;
      resolve();
    }),
  );

  async function ask(userId: string): Promise<UserContact | undefined> {
    const askedAt = cache.epoch;
    const contact = await load(userId);
    // A user unknown now may sign up in a moment: only known users are remembered.
    if (contact && subscribed) cache.remember(userId, contact, askedAt);
    return contact;
  }

  return {
    async contact(userId) {
      if (!subscribed) return load(userId);
      const cached = cache.find(userId);
      if (cached) return 'deleted' in cached ? undefined : cached.contact;
      // Look-ups of one user at the same moment (a booking's patient and doctor, a burst) share one answer.
      let answer = asking.get(userId);
      if (!answer) {
        answer = ask(userId).finally(() => {
          if (asking.get(userId) === answer) asking.delete(userId);
        });
        asking.set(userId, answer);
      }
      return answer;
    },
    ready,
    close: () => consumer.close(),
  };
}

/**
 * What every service but user-service uses: the contacts read from user-service's internal route with
 * the service's own token (an answer other than 200 or 404 is thrown as it came).
 */
export function followUserServiceContacts(
  options: Omit<FollowUserContactsOptions, 'load'> & { userServiceUrl: string; serviceToken: () => Promise<string> },
): UserContacts {
  const { userServiceUrl, serviceToken, ...rest } = options;
  const load = async (userId: string) => {
    const answer = await callService<UserContact>(`${userServiceUrl}/internal/users/${userId}/contact`, { token: await serviceToken() });
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) forwardError(answer);
    return answer.body;
  };
  return followUserContacts({ ...rest, load });
}

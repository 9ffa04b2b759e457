import { randomUUID } from 'node:crypto';
import { TokensRevokedEvent, type TokenNotBefore } from '@clinic/contracts';
import { recentTokenNotBefores, type TokenNotBefores } from '@clinic/service-kit';
import { Compile } from 'typebox/compile';
import { logConsumerErrors, type Broker } from './broker.ts';
import type { ConsumeLogger } from './consume.ts';
import { EVENTS_EXCHANGE, eventRoutingKey } from './topology.ts';

/** user-service's announcement that a user's older tokens are no longer honoured. */
export const TOKENS_REVOKED_ROUTING_KEY = eventRoutingKey('user', 'TOKENS_REVOKED');

export interface TokenRevocationFeed {
  /**
   * Resolves once the recent not-befores were loaded (or the first load failed: it is retried), without
   * waiting for the broker: a service starts while RabbitMQ is down, and loads again once subscribed.
   */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface FollowTokenRevocationsOptions {
  broker: Broker;
  /** What the service's token checks read (keycloakIdentity's `notBefores`). */
  notBefores: TokenNotBefores;
  /** The not-befores recent enough to matter, from user-service (or its own database, in user-service). */
  loadRecent: () => Promise<TokenNotBefore[]>;
  logger: ConsumeLogger;
  /** Names this process's queue (e.g. the replica's name). */
  name: string;
}

/**
 * Keeps a process's `notBefores` told of every user's role change and deletion, within the moment it
 * takes the broker to deliver. Every process needs every event, so each has a queue of its own,
 * exclusive and auto-deleted (gone with its connection: nothing piles up for a process that died),
 * bound to `user.tokens_revoked`. What was published while the queue did not exist (before the
 * process started, or while it was cut off from the broker) is loaded with `loadRecent` at once and
 * again each time the queue is subscribed; a load that fails is retried with a growing pause. Applying a not-before
 * twice changes nothing, so deliveries need no acknowledgement and no deduplication.
 */
export function followTokenRevocations(options: FollowTokenRevocationsOptions): TokenRevocationFeed {
  const { broker, notBefores, loadRecent, logger, name } = options;
  const queue = `${TOKENS_REVOKED_ROUTING_KEY}.${name}.${randomUUID()}`;
  const validator = Compile(TokensRevokedEvent);
  let closed = false;
  let subscriptions = 0;
  let wakeUp: (() => void) | undefined;

  /** Loads until one load succeeds, unless the process closes or a newer subscription loads again. */
  async function loadAll(subscription: number, onFirstAttempt: () => void) {
    for (let pause = 500; !closed && subscription === subscriptions; pause = Math.min(pause * 2, 10_000)) {
      try {
        const recent = await loadRecent();
        for (const { user_id, not_before } of recent) notBefores.record(user_id, Date.parse(not_before));
        logger.info({ loaded: recent.length }, 'recent token not-befores loaded');
        return;
      } catch (err) {
        logger.warn({ err }, 'recent token not-befores not loaded; retrying');
      } finally {
        onFirstAttempt();
      }
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        setTimeout(resolve, pause).unref();
      });
    }
  }

  const consumer = broker.connection.createConsumer(
    {
      queue,
      queueOptions: { exclusive: true, autoDelete: true },
      noAck: true,
      exchanges: [{ exchange: EVENTS_EXCHANGE, type: 'topic', durable: true }],
      queueBindings: [{ queue, exchange: EVENTS_EXCHANGE, routingKey: TOKENS_REVOKED_ROUTING_KEY }],
    },
    (message) => {
      const event: unknown = message.body;
      if (!validator.Check(event)) {
        logger.warn({ queue, messageId: message.messageId }, 'malformed user.tokens_revoked ignored');
        return;
      }
      notBefores.record(event.userId, Date.parse(event.notBefore));
    },
  );
  // Before the first 'ready': an error while the queue is set up must not crash the process.
  logConsumerErrors(consumer, logger, 'token revocations');

  consumer.on('ready', () => void loadAll(++subscriptions, () => {}));
  const ready = new Promise<void>((resolve) => void loadAll(subscriptions, resolve));

  return {
    ready,
    async close() {
      closed = true;
      wakeUp?.();
      await consumer.close();
    },
  };
}

/**
 * What every service but user-service follows: the revocations, the recent ones read from
 * user-service's internal route with the service's own token.
 */
export function followUserServiceRevocations(
  options: Omit<FollowTokenRevocationsOptions, 'loadRecent'> & { userServiceUrl: string; serviceToken: () => Promise<string> },
): TokenRevocationFeed {
  const { userServiceUrl, serviceToken, ...rest } = options;
  return followTokenRevocations({ ...rest, loadRecent: recentTokenNotBefores(userServiceUrl, serviceToken) });
}

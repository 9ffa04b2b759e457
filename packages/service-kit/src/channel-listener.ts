import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { clientConfig, type DatabaseConnection } from './db.ts';
import type { Logger } from './logger.ts';

export interface ChannelListener {
  /**
   * Resolves once every notification committed before the call has been handed to `onNotification`;
   * rejects when the connection is lost first (or is not listening). It commits a notification of its
   * own on the channel and waits for it to come back: PostgreSQL delivers notifications in the order
   * their transactions committed. Calls made while one is on its way share the next one.
   */
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

interface Waiter {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

function waiter(): Waiter {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((ok, fail) => ((resolve = ok), (reject = fail)));
  // A caller may have stopped waiting (its request ended); an unheard rejection must not end the process.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * Where this process's catch-up marks are: one in flight at a time, callers joining the next one. Payloads
 * beginning with '#' are catch-up marks (this process's or another's); any other is the application's.
 */
function catchUpMarks(channel: string) {
  const prefix = `#${randomUUID()}:`;
  const sent = new Map<number, Waiter>();
  let next: Waiter | undefined;
  let sending = false;
  let sequence = 0;
  const failAll = (error: Error) => {
    for (const mark of sent.values()) mark.reject(error);
    sent.clear();
    next?.reject(error);
    next = undefined;
  };
  const send = async (connection: pg.Client) => {
    sending = true;
    while (next) {
      const mark = next;
      next = undefined;
      const n = ++sequence;
      sent.set(n, mark);
      try {
        // One round trip, committed without waiting for the disk: a mark orders, it records nothing.
        // The channel is checked to be a name, the payload is ours: nothing to quote.
        await connection.query(`BEGIN; SET LOCAL synchronous_commit TO off; SELECT pg_notify('${channel}', '${prefix}${n}'); COMMIT`);
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {});
        sent.delete(n);
        mark.reject(error as Error);
      }
    }
    sending = false;
  };
  return {
    request(connection: pg.Client | undefined): Promise<void> {
      if (!connection) return Promise.reject(new Error(`not listening to ${channel}`));
      next ??= waiter();
      const { promise } = next;
      if (!sending) void send(connection);
      return promise;
    },
    /** Whether `payload` is a mark (handled here); this process's own resolve their callers. */
    heard(payload: string): boolean {
      if (!payload.startsWith('#')) return false;
      if (!payload.startsWith(prefix)) return true;
      const n = Number(payload.slice(prefix.length));
      for (const [k, mark] of sent) {
        if (k > n) break;
        mark.resolve();
        sent.delete(k);
      }
      return true;
    },
    failAll,
  };
}

/**
 * Listens to a PostgreSQL notification channel on a connection of its own (a pooled one would miss
 * notifications between checkouts), opened again `retryMs` after it is lost. `onListening(true)` once
 * LISTEN holds, `onListening(false)` when the connection is lost: what is announced meanwhile is missed,
 * so a listener that keeps state forgets it then.
 */
export function listenToChannel(options: {
  databaseUrl: DatabaseConnection;
  channel: string;
  onNotification: (payload: string) => void;
  onListening: (listening: boolean) => void;
  logger: Logger;
  retryMs?: number;
}): ChannelListener {
  const { databaseUrl, channel, onNotification, onListening, logger, retryMs = 1_000 } = options;
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let closed = false;
  let current: pg.Client | undefined;
  let listeningOn: pg.Client | undefined;
  const marks = catchUpMarks(channel);

  async function listen(): Promise<void> {
    while (!closed) {
      const connection = new pg.Client(clientConfig(databaseUrl));
      current = connection;
      const lost = new Promise<unknown>((resolve) => {
        connection.on('error', resolve);
        connection.on('end', () => resolve(new Error('connection ended')));
      });
      connection.on('notification', (message) => {
        if (message.channel !== channel) return;
        const payload = message.payload ?? '';
        if (!marks.heard(payload)) onNotification(payload);
      });
      try {
        await connection.connect();
        await connection.query(`LISTEN ${channel}`);
        listeningOn = connection;
        onListening(true);
        const error = await lost;
        if (!closed) logger.warn({ err: error, channel }, 'lost the connection listening to the database; listening again');
      } catch (error) {
        if (!closed) logger.warn({ err: error, channel }, 'could not listen to the database; trying again');
      }
      listeningOn = undefined;
      marks.failAll(new Error(`the connection listening to ${channel} was lost`));
      onListening(false);
      await connection.end().catch(() => {});
      if (!closed) await sleep(retryMs);
    }
  }

  const listening = listen();
  return {
    caughtUp: () => marks.request(listeningOn),
    async close() {
      closed = true;
      await current?.end().catch(() => {});
      await listening;
    },
  };
}

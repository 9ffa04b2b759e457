import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { testStack } from '../../../tests/support/stack.ts';
import { listenToChannel } from './channel-listener.ts';
import { createLogger } from './logger.ts';

const until = async (condition: () => boolean, what: string) => {
  for (let tries = 0; tries < 100 && !condition(); tries++) await sleep(50);
  assert.ok(condition(), what);
};

describe('listenToChannel against PostgreSQL', () => {
  const db = new pg.Pool({ connectionString: testStack().postgres.adminUrl, max: 1 });
  after(() => db.end());

  it('hears what is announced, says when it stops listening, and listens again after its connection is cut', async () => {
    const channel = `kit_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const heard: string[] = [];
    const states: boolean[] = [];
    const listener = listenToChannel({
      databaseUrl: testStack().postgres.adminUrl,
      channel,
      onNotification: (payload) => heard.push(payload),
      onListening: (listening) => states.push(listening),
      logger: createLogger('kit-test', 'silent'),
      retryMs: 100,
    });
    try {
      await until(() => states.at(-1) === true, 'listening');
      await db.query('SELECT pg_notify($1, $2)', [channel, 'first']);
      await until(() => heard.includes('first'), 'the first announcement is heard');

      // The database ends the listening session (a restart, an operator): the listener says so, then listens again.
      await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1`, [`LISTEN ${channel}`]);
      await until(() => states.includes(false) && states.at(-1) === true, 'listening again after the cut');
      assert.deepEqual(states, [true, false, true]);
      await db.query('SELECT pg_notify($1, $2)', [channel, 'second']);
      await until(() => heard.includes('second'), 'announcements are heard again');
    } finally {
      await listener.close();
    }
    assert.equal(states.at(-1), false, 'a closed listener is not listening');
    assert.throws(() =>
      listenToChannel({
        databaseUrl: '',
        channel: 'x; DROP',
        onNotification() {},
        onListening() {},
        logger: createLogger('kit-test', 'silent'),
      }),
    );
  });

  it('catches up: once caughtUp() resolves, every announcement committed before it was called has been heard', async () => {
    const channel = `kit_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const heard = new Set<string>();
    let listening = false;
    const listener = listenToChannel({
      databaseUrl: testStack().postgres.adminUrl,
      channel,
      onNotification: (payload) => heard.add(payload),
      onListening: (state) => (listening = state),
      logger: createLogger('kit-test', 'silent'),
    });
    const committer = new pg.Client({ connectionString: testStack().postgres.adminUrl });
    await committer.connect();
    try {
      await until(() => listening, 'listening');
      // Announced by another session, each committed before the question, asked without a pause: the
      // announcement is often still on its way, and catching up waits for it.
      for (let i = 0; i < 200; i++) {
        await committer.query('SELECT pg_notify($1, $2)', [channel, `change ${i}`]);
        await listener.caughtUp();
        assert.ok(heard.has(`change ${i}`), `change ${i} heard before catching up ended`);
      }
      // Many at once share marks, each still after its own question.
      await committer.query('SELECT pg_notify($1, $2)', [channel, 'last']);
      await Promise.all(Array.from({ length: 50 }, () => listener.caughtUp()));
      assert.ok(heard.has('last'));
      assert.ok(![...heard].some((payload) => payload.startsWith('#')), 'the marks are not handed to the listener');
    } finally {
      await committer.end();
      await listener.close();
    }
    await assert.rejects(listener.caughtUp(), 'a closed listener cannot catch up');
  });
});

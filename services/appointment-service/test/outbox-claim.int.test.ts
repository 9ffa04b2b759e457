// The outbox claim takes the relay lock, reads and marks in one statement. Its snapshot is taken when
// the statement starts, before the lock: the relay of another replica may commit in between, so the
// claim must not hand out again what that relay has just published. The relays of the three replicas
// are played here by three connections claiming in a loop, on a copy of the outbox table in a schema of
// the test's own (the live relays keep relaying the real one undisturbed).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { appointmentOutbox } from '../src/appointments/index.ts';
import { testStack } from '../../../tests/support/stack.ts';

const schema = `outbox_claim_${randomUUID().slice(0, 8)}`;
const lockKey = 0x0b0c_7e57;
const connect = async () => {
  const db = new pg.Client({ connectionString: testStack().postgres.roles.appointment_service!.url });
  await db.connect();
  await db.query(`SET search_path = ${schema}, public`);
  return db;
};

describe('the outbox claim', () => {
  before(async () => {
    const admin = new pg.Client({ connectionString: testStack().postgres.adminUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema} AUTHORIZATION appointment_service`).finally(() => admin.end());
    const db = await connect();
    // LIKE copies the columns, defaults, checks and indexes, not the foreign key to appointments.
    await db.query(`CREATE TABLE appointment_events (LIKE appointment_service.appointment_events INCLUDING ALL)`).finally(() => db.end());
  });
  after(async () => {
    const db = await connect();
    await db.query(`DROP SCHEMA ${schema} CASCADE`).finally(() => db.end());
  });

  it('hands every event to exactly one relay while the relays of three replicas claim at once', async () => {
    const claims = new Map<string, number>();
    const recorded: string[] = [];
    let running = true;

    const record = async () => {
      const db = await connect();
      while (running) {
        const id = randomUUID();
        await db.query(`INSERT INTO appointment_events (id, appointment_id, type, payload) VALUES ($1, $2, 'CREATED', $3)`, [
          id,
          randomUUID(),
          { id, type: 'CREATED' },
        ]);
        recorded.push(id);
        if (recorded.length % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await db.end();
    };
    const relay = async (drain: () => boolean) => {
      const db = await connect();
      for (;;) {
        await db.query('BEGIN');
        const batch = await appointmentOutbox.claim!(db as unknown as pg.PoolClient, 100, lockKey);
        for (const { id } of batch) claims.set(id, (claims.get(id) ?? 0) + 1);
        // Publishing to the broker and waiting for its confirms takes a moment, the lock held.
        if (batch.length > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
        await db.query('COMMIT');
        if (!running && drain()) break;
      }
      await db.end();
    };

    const allClaimed = () => recorded.every((id) => claims.has(id));
    const work = [record(), relay(allClaimed), relay(allClaimed), relay(allClaimed)];
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    running = false;
    await Promise.all(work);

    assert.ok(recorded.length > 500, `only ${recorded.length} events were recorded`);
    const twice = [...claims].filter(([, n]) => n > 1).length;
    assert.equal(twice, 0, `${twice} of ${recorded.length} events were handed to two relays`);
    assert.equal(claims.size, recorded.length);
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { bookingShardOf, bookingShardQueue, bookingShardQueues } from './shards.ts';

describe('booking shards', () => {
  it('routes a doctor to the same shard every time', () => {
    const doctorId = randomUUID();
    const shard = bookingShardOf(doctorId, 4);
    for (let i = 0; i < 10; i++) assert.equal(bookingShardOf(doctorId, 4), shard);
    assert.equal(bookingShardOf(doctorId.toUpperCase(), 4), shard);
  });

  it('sends every doctor to the single queue when there is one shard', () => {
    for (let i = 0; i < 20; i++) assert.equal(bookingShardOf(randomUUID(), 1), 0);
    assert.deepEqual(bookingShardQueues(1), ['appointment.booking-commands']);
  });

  it('spreads doctors over every shard', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) counts[bookingShardOf(randomUUID(), 4)]!++;
    assert.ok(
      counts.every((n) => n > 0),
      `every shard got doctors: ${counts.join(', ')}`,
    );
  });

  it('names shard 0 like the single queue and the others after their number', () => {
    assert.equal(bookingShardQueue(0), 'appointment.booking-commands');
    assert.deepEqual(bookingShardQueues(3), [
      'appointment.booking-commands',
      'appointment.booking-commands.1',
      'appointment.booking-commands.2',
    ]);
  });

  it('refuses a shard count that is not a positive integer, and an id that is not a UUID', () => {
    assert.throws(() => bookingShardOf(randomUUID(), 0), RangeError);
    assert.throws(() => bookingShardOf(randomUUID(), 1.5), RangeError);
    assert.throws(() => bookingShardOf('not-a-uuid-zzzzzzzz', 2), RangeError);
  });
});

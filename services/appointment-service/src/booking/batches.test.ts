import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { requestContext, withRequestContext } from '@clinic/service-kit';
import type { BookingCommand, BookingReply } from '@clinic/contracts';
import { batchedDecider } from './batches.ts';
import type { BatchResult, QueuedCommand } from './types.ts';

const command = (): BookingCommand => ({
  id: randomUUID(),
  kind: 'BOOK',
  patient: { id: randomUUID(), name: 'P', email: 'p@example.test' },
  doctor_id: randomUUID(),
  start_time: '2030-01-07T08:00:00.000Z',
  end_time: '2030-01-07T08:30:00.000Z',
});
/** A reply that names its command, so a test can tell which command it answers. */
const ok = ({ command: c }: QueuedCommand): BookingReply => ({ result: 'UNAVAILABLE', message: c.id });
const commandIdOf = (reply: BookingReply) => (reply as { message: string }).message;
const noPause = { pauseMs: () => 0, onFailure: () => {} };

describe('batched booking decisions (group commit)', () => {
  it('decides what queued up during a batch as the next batch, in the order handed in', async () => {
    const batches: string[][] = [];
    let firstStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const { submit: decide } = batchedDecider(
      async (batch) => {
        batches.push(batch.map(({ command: c }) => c.id));
        firstStarted();
        await released;
        return { replies: batch.map(ok) };
      },
      { maxBatch: 50, attempts: 3, ...noPause },
    );
    const commands = Array.from({ length: 7 }, command);
    const first = decide(commands[0]!);
    // Handed in while the first batch is being decided.
    await started;
    const rest = commands.slice(1).map((c) => decide(c));
    release();
    const outcomes = await Promise.all([first, ...rest]);
    assert.deepEqual(
      outcomes.map(commandIdOf),
      commands.map((c) => c.id),
    );
    assert.deepEqual(batches, [[commands[0]!.id], commands.slice(1).map((c) => c.id)]);
  });

  it('never puts more than maxBatch commands in one batch', async () => {
    const sizes: number[] = [];
    const { submit: decide } = batchedDecider(
      async (batch) => {
        sizes.push(batch.length);
        return { replies: batch.map(ok) };
      },
      { maxBatch: 4, attempts: 3, ...noPause },
    );
    await Promise.all(Array.from({ length: 10 }, () => decide(command())));
    assert.deepEqual(sizes, [4, 4, 2]);
  });

  it('answers the committed prefix of a failed batch and tries the rest again from the failed command', async () => {
    const commands = Array.from({ length: 4 }, command);
    const calls: string[][] = [];
    let failed = false;
    const { submit: decide } = batchedDecider(
      async (batch): Promise<BatchResult> => {
        calls.push(batch.map(({ command: c }) => c.id));
        if (!failed && batch.length === 4) {
          failed = true;
          return { replies: batch.slice(0, 2).map(ok), failure: new Error('deadlock detected') };
        }
        return { replies: batch.map(ok) };
      },
      { maxBatch: 10, attempts: 3, ...noPause },
    );
    const outcomes = await Promise.all(commands.map((c) => decide(c)));
    assert.equal(outcomes.length, 4);
    assert.deepEqual(calls, [commands.map((c) => c.id), commands.slice(2).map((c) => c.id)]);
  });

  it('hands each command to the worker with the context of the request that submitted it, and decides outside any one request', async () => {
    const seen: Array<{ commands: Array<string | undefined>; batch: string | undefined }> = [];
    const { submit: decide } = batchedDecider(
      async (batch) => {
        seen.push({ commands: batch.map(({ context }) => context?.requestId), batch: requestContext()?.requestId });
        return { replies: batch.map(ok) };
      },
      { maxBatch: 10, attempts: 3, ...noPause },
    );
    await Promise.all(['req-a', 'req-b', 'req-c'].map((requestId) => withRequestContext({ requestId }, () => decide(command()))));
    assert.deepEqual(seen, [{ commands: ['req-a', 'req-b', 'req-c'], batch: undefined }]);
  });

  it('retries a batch whose transaction failed, then rejects its commands after the last attempt', async () => {
    let tries = 0;
    const failures: number[] = [];
    const { submit: decide } = batchedDecider(
      async () => {
        tries++;
        throw new Error('connection terminated');
      },
      { maxBatch: 10, attempts: 3, pauseMs: () => 0, onFailure: (_error, attempt) => failures.push(attempt) },
    );
    await assert.rejects(decide(command()), /connection terminated/);
    assert.equal(tries, 3);
    assert.deepEqual(failures, [1, 2, 3]);
    // The decider goes on with the next command.
    await assert.rejects(decide(command()), /connection terminated/);
    assert.equal(tries, 6);
  });
});

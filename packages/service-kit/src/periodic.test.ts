import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { startPeriodic } from './periodic.ts';

const HOUR = 3_600_000;

describe('startPeriodic', () => {
  it(
    'runs once more right after a run that was nudged while it ran (its read may predate the nudger’s commit)',
    { timeout: 10_000 },
    async () => {
      let runs = 0;
      let finishFirst!: () => void;
      let secondRun!: () => void;
      const second = new Promise<void>((resolve) => (secondRun = resolve));
      const task = startPeriodic(
        'test',
        HOUR,
        async () => {
          runs += 1;
          if (runs === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
          if (runs === 2) secondRun();
        },
        pino({ enabled: false }),
      );
      while (!finishFirst) await new Promise((resolve) => setTimeout(resolve, 1));
      task.nudge(); // during the first run
      await new Promise((resolve) => setTimeout(resolve, 5));
      finishFirst();
      // The interval is an hour: only the nudge can bring the second run.
      await second;
      assert.equal(runs, 2);
      await task.stop();
    },
  );

  it('waits the interval after a run nobody nudged', async () => {
    let runs = 0;
    const task = startPeriodic('test', HOUR, async () => void (runs += 1), pino({ enabled: false }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(runs, 1);
    await task.stop();
  });
});

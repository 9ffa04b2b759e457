import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MARKS_PER_REQUEST, processedMarks } from './processed-marks.ts';

/** The marks with the requests they would send recorded. */
function recorded(delayMs = 20, failing = false) {
  const requests: string[][] = [];
  const failed: string[][] = [];
  const marks = processedMarks({
    send: async (ids) => {
      requests.push(ids);
      if (failing) throw new Error('appointment-service answered 503');
    },
    delayMs,
    onError: (_error, ids) => failed.push(ids),
  });
  return { marks, requests, failed };
}

describe('events marked processed a batch at a time', () => {
  it('sends the events handled within the delay in one request', async () => {
    const { marks, requests } = recorded(20);
    marks.mark('e1');
    marks.mark('e2');
    marks.mark('e3');
    assert.deepEqual(requests, []);
    await sleep(60);
    await marks.flush();
    assert.deepEqual(requests, [['e1', 'e2', 'e3']]);
  });

  it('sends a full request at once, and never more events in one than appointment-service takes', async () => {
    const { marks, requests } = recorded(60_000);
    const ids = Array.from({ length: MARKS_PER_REQUEST + 3 }, (_, i) => `e${i}`);
    for (const id of ids) marks.mark(id);
    await marks.flush();
    assert.deepEqual(
      requests.map((r) => r.length),
      [MARKS_PER_REQUEST, 3],
    );
    assert.deepEqual(requests.flat(), ids);
  });

  it('reports a batch that was not taken, and goes on with the next', async () => {
    const { marks, failed, requests } = recorded(60_000, true);
    marks.mark('e1');
    await marks.flush();
    marks.mark('e2');
    await marks.flush();
    assert.deepEqual(failed, [['e1'], ['e2']]);
    assert.equal(requests.length, 2);
  });
});

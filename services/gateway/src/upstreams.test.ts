import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replicaPicker } from './upstreams.ts';

const replicas = ['http://a', 'http://b', 'http://c'];

describe('replicaPicker', () => {
  it('takes the replicas in turn', () => {
    const picker = replicaPicker(replicas);
    assert.deepEqual(
      Array.from({ length: 6 }, () => picker.pick()),
      [...replicas, ...replicas],
    );
  });

  it('passes over an unreachable replica until its quarantine ends', () => {
    let now = 0;
    const picker = replicaPicker(replicas, 5_000, () => now);
    picker.markUnreachable('http://b');
    assert.deepEqual(
      Array.from({ length: 4 }, () => picker.pick()),
      ['http://a', 'http://c', 'http://a', 'http://c'],
    );
    now = 5_000;
    assert.ok(Array.from({ length: 3 }, () => picker.pick()).includes('http://b'));
  });

  it('still answers with some replica when every one looks unreachable', () => {
    const picker = replicaPicker(replicas, 5_000, () => 0);
    for (const url of replicas) picker.markUnreachable(url);
    assert.ok(replicas.includes(picker.pick()));
  });
});

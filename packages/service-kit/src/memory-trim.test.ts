import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEMORY_TRIM_DEFAULTS, memoryTrimStep, type MemoryTrimState } from './memory-trim.ts';

const MB = 2 ** 20;
const settings = MEMORY_TRIM_DEFAULTS;
const grownState: MemoryTrimState = { lastBusyAt: 0, baselineRss: 150 * MB };

describe('memoryTrimStep', () => {
  it('trims a process that grew and has been quiet long enough', () => {
    const step = memoryTrimStep(grownState, { now: 20_000, eventLoopUtilization: 0.01, rss: 200 * MB }, settings);
    assert.equal(step.trim, true);
  });

  it('waits while the quiet spell is shorter than quietMs', () => {
    const step = memoryTrimStep(grownState, { now: 19_999, eventLoopUtilization: 0.01, rss: 200 * MB }, settings);
    assert.equal(step.trim, false);
  });

  it('never trims a busy process, and a busy reading starts the quiet spell again', () => {
    const busy = memoryTrimStep(grownState, { now: 60_000, eventLoopUtilization: 0.2, rss: 250 * MB }, settings);
    assert.equal(busy.trim, false);
    assert.equal(busy.state.lastBusyAt, 60_000);
    const soonAfter = memoryTrimStep(busy.state, { now: 70_000, eventLoopUtilization: 0, rss: 250 * MB }, settings);
    assert.equal(soonAfter.trim, false);
    const later = memoryTrimStep(busy.state, { now: 80_000, eventLoopUtilization: 0, rss: 250 * MB }, settings);
    assert.equal(later.trim, true);
  });

  it('leaves a quiet process alone until it has grown minGrowthBytes since its last trim', () => {
    const little = memoryTrimStep(
      grownState,
      { now: 600_000, eventLoopUtilization: 0, rss: 150 * MB + settings.minGrowthBytes - 1 },
      settings,
    );
    assert.equal(little.trim, false);
    const enough = memoryTrimStep(grownState, { now: 600_000, eventLoopUtilization: 0, rss: 150 * MB + settings.minGrowthBytes }, settings);
    assert.equal(enough.trim, true);
  });
});

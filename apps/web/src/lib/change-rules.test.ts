import { describe, expect, it } from 'vitest';
import { changePhase, changesCloseAt } from './change-rules.ts';

describe('the patient change cut-off', () => {
  const start = '2026-04-02T09:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);

  it('lets the patient change it until exactly the cut-off before the start', () => {
    expect(changePhase(start, 12, at('2026-04-01T20:00:00.000Z'))).toBe('OPEN');
    expect(changePhase(start, 12, at('2026-04-01T21:00:00.000Z'))).toBe('OPEN');
    expect(changePhase(start, 12, at('2026-04-01T21:00:00.001Z'))).toBe('INSIDE');
  });

  it('is inside the cut-off until the start, and started from the start on', () => {
    expect(changePhase(start, 12, at('2026-04-02T08:59:59.999Z'))).toBe('INSIDE');
    expect(changePhase(start, 12, at('2026-04-02T09:00:00.000Z'))).toBe('STARTED');
    expect(changePhase(start, 12, at('2026-04-02T10:00:00.000Z'))).toBe('STARTED');
  });

  it('is closed to the patient (staff give a reason) from just after the cut-off on', () => {
    expect(changePhase(start, 1, at('2026-04-02T08:00:00.000Z'))).toBe('OPEN');
    expect(changePhase(start, 1, at('2026-04-02T08:00:00.001Z'))).toBe('INSIDE');
    expect(changePhase(start, 1, at('2026-04-02T09:30:00.000Z'))).toBe('STARTED');
  });

  it('with no cut-off, is open until the start', () => {
    expect(changePhase(start, 0, at('2026-04-02T08:59:59.999Z'))).toBe('OPEN');
  });

  it('says when changes close', () => {
    expect(changesCloseAt(start, 12)).toBe('2026-04-01T21:00:00.000Z');
    expect(changesCloseAt(start, 1.5)).toBe('2026-04-02T07:30:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import type { TraceSpan } from '../api/trace.ts';
import { barOf, depths, formatMicros } from './waterfall.ts';

const span = (span_id: string, parent_id: string | null): TraceSpan => ({
  span_id,
  parent_id,
  service: 'gateway',
  instance: null,
  operation: 'GET',
  kind: null,
  start_us: 0,
  duration_us: 1,
  error: false,
  attributes: {},
});

describe('a trace’s waterfall', () => {
  it('indents each span by how many spans it sits under', () => {
    const levels = depths([span('a', null), span('b', 'a'), span('c', 'b'), span('d', 'a'), span('e', 'missing')]);
    expect(Object.fromEntries(levels)).toEqual({ a: 0, b: 1, c: 2, d: 1, e: 0 });
  });

  it('places a bar by its start and length within the trace, never past its end', () => {
    expect(barOf({ start_us: 250, duration_us: 500 }, 1000)).toEqual({ left: 25, width: 50 });
    expect(barOf({ start_us: 1000, duration_us: 0 }, 1000)).toEqual({ left: 99.5, width: 0.5 });
  });

  it('says a duration in the unit a person reads it in', () => {
    expect(formatMicros(640, 'en')).toBe('640 µs');
    expect(formatMicros(12_345, 'en')).toBe('12.3 ms');
    expect(formatMicros(1_500, 'ro')).toBe('1,5 ms');
    expect(formatMicros(2_500_000, 'en')).toBe('2.5 s');
  });
});

import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline.ts';

describe('a sparkline of the last hour', () => {
  const range = { start: 0, end: 3600 };
  const size = { width: 120, height: 32 };

  it('runs from the range’s start to its end, zero at the bottom and the highest value at the top', () => {
    expect(
      sparklinePath(
        [
          [0, 0],
          [1800, 5],
          [3600, 10],
        ],
        range,
        size,
      ),
    ).toBe('M0.0,31.0 L60.0,16.0 L120.0,1.0');
  });

  it('draws a flat line for a figure that never moved, and nothing without points', () => {
    expect(
      sparklinePath(
        [
          [0, 0],
          [3600, 0],
        ],
        range,
        size,
      ),
    ).toBe('M0.0,31.0 L120.0,31.0');
    expect(sparklinePath([], range, size)).toBe('');
  });
});

/** The SVG path of a small chart: the range's start to end across, the values from 0 (or the lowest below it) to the highest up. */
export function sparklinePath(
  points: readonly [number, number][],
  range: { start: number; end: number },
  size: { width: number; height: number },
): string {
  if (points.length === 0) return '';
  const values = points.map(([, value]) => value);
  const low = Math.min(0, ...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const duration = range.end - range.start || 1;
  // A pixel of margin, so that a flat line at the top or bottom is not cut in half.
  const x = (at: number) => ((at - range.start) / duration) * size.width;
  const y = (value: number) => 1 + (1 - (value - low) / span) * (size.height - 2);
  return points.map(([at, value], i) => `${i === 0 ? 'M' : 'L'}${x(at).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
}

// The bench's arithmetic and number formats, shared by its measurements and its report.

export interface Latencies {
  p50: number;
  p95: number;
  p99: number;
}

/** Nearest-rank percentiles of a list of milliseconds (NaN when there is none). */
export function percentiles(ms: number[]): Latencies {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
  return { p50: at(50), p95: at(95), p99: at(99) };
}

export const fmtMs = (ms: number) => (Number.isNaN(ms) ? '–' : ms < 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(0)} ms`);
export const fmtRate = (n: number) => `${n.toFixed(n < 100 ? 1 : 0)}/s`;
/** CPU milliseconds: two decimals below 10, one above. */
export const fmtCpu = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '–' : ms.toFixed(ms < 10 ? 2 : 1));
export const sum = (values: number[]) => values.reduce((total, n) => total + n, 0);

/** "name figure, name figure…": the processes of `byProcess` from the largest figure down. */
export const busiestFirst = (byProcess: Record<string, number>, format: (n: number) => string, top = Infinity) =>
  Object.entries(byProcess)
    .sort(([, a], [, b]) => b - a)
    .slice(0, top)
    .map(([name, n]) => `${name} ${format(n)}`)
    .join(', ');

export const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
export const stackLog = (line: string) => process.stderr.write(`[stack] ${line}\n`);

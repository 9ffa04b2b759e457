import { sparklinePath } from './sparkline.ts';

const SIZE = { width: 120, height: 32 };

/** A small chart of one series over the page's hour; `label` says in words what it shows. */
export function Sparkline({ points, range, label }: { points: [number, number][]; range: { start: number; end: number }; label: string }) {
  const path = sparklinePath(points, range, SIZE);
  return (
    <svg className="sparkline" viewBox={`0 0 ${SIZE.width} ${SIZE.height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <line x1="0" y1={SIZE.height - 0.5} x2={SIZE.width} y2={SIZE.height - 0.5} className="sparkline-axis" />
      {path && <path d={path} className="sparkline-line" />}
      {points.length === 1 && <circle cx={SIZE.width} cy={SIZE.height / 2} r="2" className="sparkline-dot" />}
    </svg>
  );
}

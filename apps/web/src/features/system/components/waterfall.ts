import type { TraceSpan } from '../api/trace.ts';

/** How deep each span sits under the trace's root (0 for a root), by span id. */
export function depths(spans: TraceSpan[]): Map<string, number> {
  const parents = new Map(spans.map((span) => [span.span_id, span.parent_id]));
  const depth = new Map<string, number>();
  for (const span of spans) {
    let level = 0;
    const seen = new Set<string>([span.span_id]);
    for (let parent = span.parent_id; parent && parents.has(parent) && !seen.has(parent); parent = parents.get(parent) ?? null) {
      seen.add(parent);
      level++;
    }
    depth.set(span.span_id, level);
  }
  return depth;
}

/** A span's bar as percentages of the trace's length; never thinner than a visible sliver. */
export function barOf(span: Pick<TraceSpan, 'start_us' | 'duration_us'>, traceUs: number): { left: number; width: number } {
  const total = Math.max(traceUs, 1);
  const left = Math.min(100, (span.start_us / total) * 100);
  const width = Math.max(0.5, Math.min(100 - left, (span.duration_us / total) * 100));
  return { left: Math.min(left, 99.5), width };
}

/** A duration for people: µs below a millisecond, ms below a second, seconds above. */
export function formatMicros(us: number, locale: string): string {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ro-RO', { maximumFractionDigits: digits }).format(value);
  if (us < 1_000) return `${number(us, 0)} µs`;
  if (us < 1_000_000) return `${number(us / 1_000, us < 10_000 ? 2 : 1)} ms`;
  return `${number(us / 1_000_000, 2)} s`;
}

/** The platform's own services get a colour each; anything else the neutral one. */
export const SERVICE_COLOURS = ['gateway', 'user-service', 'doctor-service', 'appointment-service', 'notification-service'];
export const serviceClass = (service: string) => (SERVICE_COLOURS.includes(service) ? `service-${service}` : 'service-other');

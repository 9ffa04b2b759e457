import { callService, unavailable } from '@clinic/service-kit';
import type { BusyIntervals } from '@clinic/contracts';
import type { Interval } from '@clinic/scheduling';

/** A stretch of time to ask about; no `to` means from `from` on, without end. */
export interface Span {
  from: Date;
  to?: Date;
}

/** The times a doctor's appointments and holds take in a span. */
export interface BusyAnswer {
  intervals: Interval[];
  /** When the answer changes by itself (a hold expires), or null. */
  changesAt: Date | null;
}

export interface BusyTimes {
  /** The doctor's active (PENDING / CONFIRMED) appointments and active holds overlapping the span. */
  of(doctorId: string, span: Span): Promise<BusyAnswer>;
}

export function busyQueryUrl(appointmentServiceUrl: string, doctorId: string, span: Span): string {
  const query = new URLSearchParams({ doctor_id: doctorId, from: span.from.toISOString() });
  if (span.to) query.set('to', span.to.toISOString());
  return `${appointmentServiceUrl}/internal/busy?${query.toString()}`;
}

/** appointment-service's answer as intervals; an answer that is not one is appointment-service failing. */
export function busyIntervals(body: BusyIntervals): BusyAnswer {
  if (!Array.isArray(body?.intervals)) throw unavailable('appointment-service answered busy times without intervals');
  const intervals = body.intervals.map(({ start, end }) => {
    const interval = { start: new Date(start), end: new Date(end) };
    if (Number.isNaN(interval.start.getTime()) || Number.isNaN(interval.end.getTime())) {
      throw unavailable(`appointment-service answered a busy interval that is not one: ${start} – ${end}`);
    }
    return interval;
  });
  const changesAt = body.changes_at ? new Date(body.changes_at) : null;
  if (changesAt && Number.isNaN(changesAt.getTime()))
    throw unavailable(`appointment-service answered a change time that is not one: ${body.changes_at}`);
  return { intervals, changesAt };
}

/** The appointments that take a doctor's time, asked of appointment-service with the service's own token. */
export function busyTimes(options: { appointmentServiceUrl: string; serviceToken: () => Promise<string> }): BusyTimes {
  const { appointmentServiceUrl, serviceToken } = options;
  return {
    async of(doctorId, span) {
      const result = await callService<BusyIntervals>(busyQueryUrl(appointmentServiceUrl, doctorId, span), {
        token: await serviceToken(),
      });
      if (result.status !== 200) throw unavailable(`appointment-service refused the busy-times query (${result.status})`);
      return busyIntervals(result.body);
    },
  };
}

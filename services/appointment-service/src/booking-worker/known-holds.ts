import type { KnownHold } from './repository.ts';
import type { Span } from './booked-times.ts';

/**
 * The active holds of the times a batch's bookings ask for, read once at the start of the batch's
 * transaction (locked, and judged expired by its clock, as a booking's own read did). Holds are made,
 * lapsed and used up only by commands of their doctor's shard, that is in this batch: a doctor with a
 * command that can change them (anything but a booking, or a booking that used a hold) is forgotten
 * from then on, and that doctor's bookings read the holds themselves again.
 */
export function knownHolds(holds: KnownHold[]) {
  const forgotten = new Set<string>();
  return {
    /** The doctor's active holds overlapping `span`, or undefined when they must be read again. */
    overlapping(doctorId: string, span: Span): KnownHold[] | undefined {
      if (forgotten.has(doctorId)) return undefined;
      return holds.filter((hold) => hold.doctor_id === doctorId && hold.start < span.end && span.start < hold.end);
    },
    /** The batch changed the doctor's holds, or may have. */
    forget(doctorId: string): void {
      forgotten.add(doctorId);
    },
  };
}

export type KnownHolds = ReturnType<typeof knownHolds>;

/** An interval as epoch milliseconds, [start, end). */
export interface Span {
  start: number;
  end: number;
}

/**
 * The times each doctor is known to be booked while one batch is decided: the active appointments
 * overlapping what the batch's bookings ask for (read once, at the start of the batch's transaction),
 * and what the batch itself books. A booking of such a time is answered SLOT_TAKEN without trying the
 * insert the exclusion constraint would refuse: when many patients race for a few slots, most of
 * them are answered from here instead of by a savepoint, a statement and a rollback each.
 *
 * Only what can free a time in the middle of a batch is the batch's own other commands (a
 * reschedule, a doctor's retirement or reconciliation); a doctor with such a command in the batch is
 * forgotten from then on, and their bookings go to the database as usual.
 */
export function bookedTimes(active: Array<{ doctorId: string } & Span>) {
  const byDoctor = new Map<string, Span[]>();
  const forgotten = new Set<string>();
  const remember = (doctorId: string, span: Span) => {
    const spans = byDoctor.get(doctorId);
    if (spans) spans.push(span);
    else byDoctor.set(doctorId, [span]);
  };
  for (const { doctorId, start, end } of active) remember(doctorId, { start, end });
  return {
    /** Whether the doctor is known to be booked at some moment of [start, end). */
    overlaps(doctorId: string, span: Span): boolean {
      return byDoctor.get(doctorId)?.some((taken) => taken.start < span.end && span.start < taken.end) ?? false;
    },
    /** The batch booked the doctor for `span`. */
    add(doctorId: string, span: Span): void {
      if (!forgotten.has(doctorId)) remember(doctorId, span);
    },
    /** The batch changed the doctor's appointments otherwise: nothing more is known of the doctor. */
    forget(doctorId: string): void {
      byDoctor.delete(doctorId);
      forgotten.add(doctorId);
    },
  };
}

export type BookedTimes = ReturnType<typeof bookedTimes>;

import { counter, histogram } from '@clinic/service-kit';
import type { BookingReply } from '@clinic/contracts';
import { waitlistOffers } from '../waitlist/index.ts';

const decided = counter({
  name: 'clinic_bookings_decided_total',
  help: 'Booking commands decided, by outcome (BOOKED, RESCHEDULED, OFFERED…, or the refusal’s code: SLOT_TAKEN, PATIENT_BUSY…)',
  labelNames: ['outcome'],
});

const decisionSeconds = histogram({
  name: 'clinic_booking_decision_seconds',
  help: 'From a booking command received by the deciding worker to its decision committed',
});

const batchCommands = histogram({
  name: 'clinic_booking_batch_commands',
  help: 'Booking commands decided in one transaction (a batch)',
  buckets: [1, 2, 5, 10, 20, 30, 40, 50],
});

/** The outcome label of a decision: its result (BOOKED, OFFERED, UNAVAILABLE…), or a refusal's code. */
export function outcomeOf(reply: BookingReply): string {
  return reply.result === 'REJECTED' ? reply.code : reply.result;
}

/** A decision made in a batch (not one replayed from before), with when its command was received (performance.now()). */
export interface FreshDecision {
  reply: BookingReply;
  receivedAt?: number;
}

/** A batch's transaction committed: its size, and each decision it made, counted and timed now that it holds. */
export function recordBatch(size: number, decisions: FreshDecision[], now = performance.now()): void {
  batchCommands.observe(size);
  for (const { reply, receivedAt } of decisions) {
    decided.inc({ outcome: outcomeOf(reply) });
    if (receivedAt !== undefined) decisionSeconds.observe((now - receivedAt) / 1_000);
    if (reply.result === 'OFFERED') waitlistOffers.inc();
  }
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { metricsRegistry } from '@clinic/service-kit';
import type { BookingReply } from '@clinic/contracts';
import { outcomeOf, recordBatch } from './metrics.ts';

async function valueOf(series: string): Promise<number | undefined> {
  const line = (await metricsRegistry.metrics()).split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const refused = (code: string) => ({ result: 'REJECTED', code, message: 'no' }) as BookingReply;

describe('the booking decision metrics', () => {
  it('label a refusal by its code and anything else by its result', () => {
    assert.equal(outcomeOf(refused('SLOT_TAKEN')), 'SLOT_TAKEN');
    assert.equal(outcomeOf({ result: 'UNAVAILABLE', message: 'doctor-service down' }), 'UNAVAILABLE');
    assert.equal(outcomeOf({ result: 'NOT_OFFERED', reason: 'NO_WAITER' }), 'NOT_OFFERED');
  });

  it('count each decision of a committed batch by outcome, time it from its receipt, and count waitlist offers', async () => {
    recordBatch(
      3,
      [
        { reply: refused('SLOT_TAKEN'), receivedAt: 1_000 },
        { reply: refused('PATIENT_BUSY'), receivedAt: 1_500 },
        { reply: { result: 'OFFERED' } as BookingReply, receivedAt: 1_900 },
      ],
      2_000,
    );
    assert.equal(await valueOf('clinic_bookings_decided_total{outcome="SLOT_TAKEN"}'), 1);
    assert.equal(await valueOf('clinic_bookings_decided_total{outcome="PATIENT_BUSY"}'), 1);
    assert.equal(await valueOf('clinic_bookings_decided_total{outcome="OFFERED"}'), 1);
    assert.equal(await valueOf('clinic_waitlist_offers_total'), 1);
    assert.equal(await valueOf('clinic_booking_batch_commands_count'), 1);
    assert.equal(await valueOf('clinic_booking_batch_commands_sum'), 3);
    assert.equal(await valueOf('clinic_booking_decision_seconds_count'), 3);
    assert.equal(await valueOf('clinic_booking_decision_seconds_sum'), 1 + 0.5 + 0.1);
    // One second from receipt to decision lands in the 1 s bucket, not in the 0.5 s one.
    assert.equal(await valueOf('clinic_booking_decision_seconds_bucket{le="0.5"}'), 2);
    assert.equal(await valueOf('clinic_booking_decision_seconds_bucket{le="1"}'), 3);
  });
});

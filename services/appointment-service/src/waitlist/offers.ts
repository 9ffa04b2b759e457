import { startPeriodic, withRequestContext, type Logger, type Pool, type Queryable } from '@clinic/service-kit';
import { AppointmentEvent, type BookingAnswer } from '@clinic/contracts';
import { consume, EVENTS_EXCHANGE, eventRoutingKey, WAITLIST_QUEUE, type Broker } from '@clinic/messaging';
import type { BookingGateway } from '../booking/index.ts';
import { holdsRepository as holds, waitlistRepository as entries } from './repository.ts';

/**
 * The requester of the commands the platform sends itself (a freed time offered to the waitlist): no
 * user's, so no user's idempotency keys can meet them.
 */
export const PLATFORM_REQUESTER = '00000000-0000-0000-0000-000000000000';

/** Returns of an event to the queue before it is dead-lettered. */
const DELIVERY_ATTEMPTS = 5;

/** Holds offered again per run of the lapse job; a full run starts the next one at once. */
const LAPSE_BATCH = 50;

/** The events that may free a doctor's time: a cancellation, and a move to another time. */
const FREEING_EVENTS = ['CANCELLED', 'UPDATED'] as const;

interface Interval {
  doctor_id: string;
  start_time: string;
  end_time: string;
}

/**
 * Sends OFFER_TIME for a freed interval through the doctor's booking queue, under an idempotency key
 * naming what freed it, so every replica and every redelivery asking for the same offer sends one
 * command (decided once). Answers the worker's outcome, or that it is still queued (PENDING).
 */
export function offerTime(bookings: BookingGateway, key: string, interval: Interval): Promise<BookingAnswer> {
  return bookings.submit(PLATFORM_REQUESTER, key, {
    kind: 'OFFER_TIME',
    doctor_id: interval.doctor_id,
    start_time: interval.start_time,
    end_time: interval.end_time,
  });
}

/**
 * The time an event freed: a cancelled appointment's, or the time a rescheduled one left (its state
 * before this UPDATED, from its own history). None when the move kept the time (a new cabinet only).
 */
export async function freedInterval(db: Queryable, event: AppointmentEvent): Promise<Interval | undefined> {
  const { appointment } = event;
  if (event.type === 'CANCELLED') return appointment;
  if (event.type !== 'UPDATED') return undefined;
  const { rows } = await db.query<{ start_time: string; end_time: string }>(
    `SELECT payload -> 'appointment' ->> 'start_time' AS start_time, payload -> 'appointment' ->> 'end_time' AS end_time
     FROM appointment_events
     WHERE appointment_id = $1 AND type IN ('CREATED', 'UPDATED')
       AND (created_at, id) < (SELECT created_at, id FROM appointment_events WHERE id = $2)
     ORDER BY created_at DESC, id DESC LIMIT 1`,
    [appointment.id, event.id],
  );
  const before = rows[0];
  if (!before) return undefined;
  const moved =
    Date.parse(before.start_time) !== Date.parse(appointment.start_time) ||
    Date.parse(before.end_time) !== Date.parse(appointment.end_time);
  return moved ? { doctor_id: appointment.doctor_id, ...before } : undefined;
}

/**
 * Offers freed times to the waitlist: every replica consumes the queue `appointment.waitlist-offers`
 * (bound to cancellations and moves, competing consumers) and, when someone waits for the doctor,
 * sends OFFER_TIME for the freed interval through the doctor's booking queue (the worker decides who
 * gets it, in order with the bookings). A redelivered event sends the same command (its key is the
 * event's id). A queue that cannot be reached returns the event, to be tried again.
 */
export function startFreedTimeOffers({
  pool,
  broker,
  bookings,
  logger,
}: {
  pool: Pool;
  broker: Broker;
  bookings: BookingGateway;
  logger: Logger;
}) {
  return consume(
    broker,
    {
      queue: WAITLIST_QUEUE,
      schema: AppointmentEvent,
      attempts: DELIVERY_ATTEMPTS,
      prefetch: 4,
      bindings: FREEING_EVENTS.map((type) => ({ exchange: EVENTS_EXCHANGE, routingKey: eventRoutingKey('appointment', type) })),
      logger,
    },
    async (event) => {
      const freed = await freedInterval(pool, event);
      if (!freed || Date.parse(freed.start_time) <= Date.now()) return;
      // Most freed times have nobody waiting: the queue is asked only when someone does.
      if (!(await entries.anyWaiting(pool, freed.doctor_id))) return;
      const answer = await offerTime(bookings, `freed:${event.id}`, freed);
      if (answer.result === 'UNAVAILABLE') throw new Error(answer.message);
      logger.info({ eventId: event.id, result: answer.result }, 'freed time offered to the waitlist');
    },
  );
}

/**
 * The lapse job, on every replica: each hold whose time is up is offered again through the booking
 * queue (the worker marks it LAPSED and offers the time to the next waiter, or leaves it free). The key
 * names the hold, so replicas finding it together send one command; each hold's command goes under a
 * request id of its own (`lapse:<hold id>`), which its logs and its offer's email carry.
 */
export function startLapsedHoldOffers({
  pool,
  bookings,
  intervalMs,
  logger,
}: {
  pool: Pool;
  bookings: BookingGateway;
  intervalMs: number;
  logger: Logger;
}) {
  return startPeriodic(
    'waitlist-lapsed-holds',
    intervalMs,
    async () => {
      const lapsed = await holds.expired(pool, LAPSE_BATCH);
      for (const hold of lapsed) {
        const key = `lapse:${hold.id}`;
        const answer = await withRequestContext({ requestId: key }, () => offerTime(bookings, key, hold));
        if (answer.result !== 'PENDING') logger.info({ holdId: hold.id, result: answer.result }, 'lapsed hold offered again');
      }
      return lapsed.length === LAPSE_BATCH;
    },
    logger,
  );
}

import { counter, gaugeAtScrape } from '@clinic/service-kit';
import { queueDepth, type Broker } from '@clinic/messaging';
import { bookingShardQueues } from './shards.ts';

/**
 * `clinic_booking_queue_depth{queue}`: the commands waiting in each shard's booking queue beyond what its
 * worker holds, read from RabbitMQ at each scrape (every replica reports the same queues).
 */
export function observeBookingQueues(broker: Broker, shards: number): void {
  gaugeAtScrape(
    {
      name: 'clinic_booking_queue_depth',
      help: 'Booking commands waiting in a booking queue (a shard), not yet handed to its worker',
      labelNames: ['queue'],
    },
    async (gauge) => {
      const queues = bookingShardQueues(shards);
      const depths = await Promise.all(queues.map((queue) => queueDepth(broker, queue)));
      queues.forEach((queue, i) => gauge.set({ queue }, depths[i]!));
    },
  );
}

/** `clinic_bookings_refused_before_queue_total`: bookings of a time already booked, refused without a command. */
export const refusedBeforeQueue = counter({
  name: 'clinic_bookings_refused_before_queue_total',
  help: 'Bookings of a time the doctor already has booked, answered SLOT_TAKEN before the booking queue',
});

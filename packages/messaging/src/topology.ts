/**
 * The broker's queues and exchanges, named once. Every consumer and publisher declares what it
 * uses (idempotent), so start order does not matter and a restarted broker is set up again.
 */

/** Domain events of every service, routed by `<aggregate>.<event type in lower case>`. */
export const EVENTS_EXCHANGE = 'clinic.events';

/** Where messages go that failed too often to be handled; inspected by a person, never dropped silently. */
export const DEAD_LETTER_EXCHANGE = 'clinic.dead-letter';
export const DEAD_LETTER_QUEUE = 'clinic.dead-letter';

/**
 * Booking commands of every appointment-service replica. A quorum queue (replicated, durable)
 * with a single active consumer: whichever replica holds it processes commands one at a time, in
 * order; when that replica dies, another consumer is promoted and unacknowledged commands are
 * redelivered to it.
 */
export const BOOKING_QUEUE = 'appointment.booking-commands';

export const bookingQueueOptions = {
  queue: BOOKING_QUEUE,
  durable: true,
  arguments: {
    'x-queue-type': 'quorum' as const,
    'x-single-active-consumer': true,
    // A command that keeps failing goes to the dead-letter queue instead of blocking the queue forever.
    'x-delivery-limit': 5,
    'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE,
  },
};

/**
 * Appointment events that change what the appointment's PDF shows, for appointment-service's PDF
 * generator. Every replica consumes (competing consumers); a quorum queue, dead-lettered like the
 * booking queue when an event keeps failing.
 */
export const PDF_QUEUE = 'appointment.pdf-documents';

export const pdfQueueOptions = {
  queue: PDF_QUEUE,
  durable: true,
  arguments: {
    'x-queue-type': 'quorum' as const,
    'x-delivery-limit': 5,
    'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE,
  },
};

export const eventRoutingKey = (aggregate: string, type: string) => `${aggregate}.${type.toLowerCase()}`;

/**
 * The arguments of every consumer's queue made by `consume()`: a quorum queue (replicated, durable)
 * that hands a message to the dead-letter exchange once it was returned `deliveryLimit` times.
 * They equal the booking and PDF queues' arguments above, so a queue moved onto `consume()` is
 * declared again with the same arguments (RabbitMQ refuses a queue redeclared with other ones).
 */
export function consumerQueueOptions(queue: string, deliveryLimit: number, singleActiveConsumer = false) {
  return {
    queue,
    durable: true,
    arguments: {
      'x-queue-type': 'quorum' as const,
      ...(singleActiveConsumer ? { 'x-single-active-consumer': true } : {}),
      'x-delivery-limit': deliveryLimit,
      'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE,
    },
  };
}

/**
 * Appointment events for notification-service: every replica consumes (competing consumers); each
 * event is emailed once, whichever replica receives it.
 */
export const NOTIFICATION_QUEUE = 'notification.appointment-events';

/**
 * Cancellations and moves of appointments, for appointment-service's waitlist: the time they freed is
 * offered to whoever waits for it. Every replica consumes (competing consumers).
 */
export const WAITLIST_QUEUE = 'appointment.waitlist-offers';

/**
 * user-service's `user.updated` events as doctor-service applies them: a doctor's name and email
 * follow their user's profile.
 */
export const DOCTOR_USER_EVENTS_QUEUE = 'doctor.user-events';

/**
 * user-service's events as appointment-service applies them (every replica consumes): the names on
 * future appointments follow the profiles, and a deleted patient's future appointments are cancelled.
 */
export const APPOINTMENT_USER_EVENTS_QUEUE = 'appointment.user-events';

/**
 * user-service's `user.deleted` as notification-service applies it (every replica consumes): the
 * deleted user's notifications are purged and nothing more is sent to them.
 */
export const NOTIFICATION_USER_EVENTS_QUEUE = 'notification.user-events';

import { AppError } from '@clinic/service-kit';
import type { Appointment, BookingAnswer, BookingRejectionCode } from '@clinic/contracts';

/**
 * The HTTP edge of booking: the worker decides in domain terms (BOOKED, RESCHEDULED, REJECTED with a
 * code), and the routes answer with what this file makes of it. Nothing else maps a booking to HTTP.
 */
const statusOfRejection: Record<BookingRejectionCode, number> = {
  SLOT_TAKEN: 409,
  SLOT_HELD: 409,
  PATIENT_BUSY: 409,
  INVALID_STATE: 409,
  DOCTOR_NOT_FOUND: 404,
  NOT_FOUND: 404,
  CABINET_NOT_FOUND: 404,
  INVALID_INTERVAL: 400,
  IN_PAST: 400,
  BEYOND_HORIZON: 400,
  TIME_OFF: 400,
  OUTSIDE_SCHEDULE: 400,
  MISALIGNED: 400,
  CLOSED: 400,
  TOO_SOON: 400,
  TOO_CLOSE: 409,
  TOO_MANY_APPOINTMENTS: 409,
  PATIENT_NOT_FOUND: 404,
  VISIT_TYPE_NOT_FOUND: 404,
  VISIT_TYPE_NOT_ONLINE: 403,
};

/** The HTTP status a booking refused with `code` is answered with. */
export const httpStatusOf = (code: BookingRejectionCode): number => statusOfRejection[code];

/**
 * The appointment a booking answer brought, for the route to send; any other answer is thrown as the
 * error the client gets (`{error: {code, message}}`), the retryable ones as 503.
 */
export function appointmentOrError(answer: BookingAnswer): Appointment {
  switch (answer.result) {
    case 'BOOKED':
    case 'RESCHEDULED':
      return answer.appointment;
    case 'REJECTED':
      throw new AppError(httpStatusOf(answer.code), answer.code, answer.message);
    case 'UNAVAILABLE':
      throw new AppError(503, 'UNAVAILABLE', answer.message);
    case 'PENDING':
      throw new AppError(503, 'BOOKING_PENDING', 'The booking is queued but not decided yet; retry with the same Idempotency-Key');
    case 'KEY_REUSED':
      throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
    case 'OFFERED':
    case 'NOT_OFFERED':
      // The waitlist's own command (OFFER_TIME), never the answer to a booking a client made.
      throw new Error(`A booking was answered with the waitlist's outcome ${answer.result}`);
    case 'RETIREMENT_CHECKED':
    case 'RECONCILED':
    case 'PATIENT_LEFT':
      throw new Error(`a ${answer.result} answer to a booking`);
  }
}

/**
 * The answer of a doctor command (RETIRE_DOCTOR, RECONCILE_DOCTOR) for the internal route to send;
 * what was not decided is thrown as a retryable 503, a refusal as its error.
 */
export function doctorCommandOrError<R extends 'RETIREMENT_CHECKED' | 'RECONCILED'>(
  answer: BookingAnswer,
  expected: R,
): Extract<BookingAnswer, { result: R }> {
  if (answer.result === expected) return answer as Extract<BookingAnswer, { result: R }>;
  switch (answer.result) {
    case 'REJECTED':
      throw new AppError(httpStatusOf(answer.code), answer.code, answer.message);
    case 'UNAVAILABLE':
      throw new AppError(503, 'UNAVAILABLE', answer.message);
    case 'PENDING':
      throw new AppError(503, 'BOOKING_PENDING', 'The command is queued but not decided yet; retry with the same Idempotency-Key');
    case 'KEY_REUSED':
      throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
    default:
      throw new Error(`a ${answer.result} answer to a ${expected} command`);
  }
}

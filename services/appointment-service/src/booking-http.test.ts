import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@clinic/service-kit';
import { BookingRejectionCode, type Appointment, type BookingAnswer } from '@clinic/contracts';
import { appointmentOrError, httpStatusOf } from './booking-http.ts';

const appointment = { id: '6f1c4c0e-8d3a-4a8e-9d0b-2f5a8c1e7b11', status: 'PENDING' } as Appointment;

/** The error a booking answer is thrown as, by status, code and message. */
function errorOf(answer: BookingAnswer) {
  try {
    appointmentOrError(answer);
  } catch (error) {
    assert.ok(error instanceof AppError);
    return { status: error.statusCode, code: error.code, message: error.message };
  }
  assert.fail('the answer was not thrown');
}

describe('booking answers at the HTTP edge', () => {
  it('answers each refusal with the status clients have always had', () => {
    const statuses = Object.fromEntries(BookingRejectionCode.anyOf.map(({ const: code }) => [code, httpStatusOf(code)]));
    assert.deepEqual(statuses, {
      SLOT_TAKEN: 409,
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
      SLOT_HELD: 409,
    });
  });

  it('sends the appointment of a booking or a reschedule', () => {
    assert.equal(appointmentOrError({ result: 'BOOKED', appointment }), appointment);
    assert.equal(appointmentOrError({ result: 'RESCHEDULED', appointment }), appointment);
  });

  it('throws a refusal as its code and message, with its status', () => {
    assert.deepEqual(errorOf({ result: 'REJECTED', code: 'SLOT_TAKEN', message: 'This time is already booked with the doctor' }), {
      status: 409,
      code: 'SLOT_TAKEN',
      message: 'This time is already booked with the doctor',
    });
    assert.equal(errorOf({ result: 'REJECTED', code: 'SLOT_HELD', message: 'Held for a patient on the waitlist' }).status, 409);
    assert.deepEqual(errorOf({ result: 'REJECTED', code: 'TIME_OFF', message: 'The doctor is not working on 2030-01-07.' }), {
      status: 400,
      code: 'TIME_OFF',
      message: 'The doctor is not working on 2030-01-07.',
    });
  });

  it('answers what was not decided as retryable 503s, and a reused key as 422', () => {
    assert.deepEqual(errorOf({ result: 'UNAVAILABLE', message: 'doctor-service is unreachable; retry with the same Idempotency-Key' }), {
      status: 503,
      code: 'UNAVAILABLE',
      message: 'doctor-service is unreachable; retry with the same Idempotency-Key',
    });
    assert.deepEqual(errorOf({ result: 'PENDING' }), {
      status: 503,
      code: 'BOOKING_PENDING',
      message: 'The booking is queued but not decided yet; retry with the same Idempotency-Key',
    });
    assert.deepEqual(errorOf({ result: 'KEY_REUSED' }), {
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: 'This Idempotency-Key was used for a different request',
    });
  });
});

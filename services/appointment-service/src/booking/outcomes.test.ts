import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@clinic/service-kit';
import { BookingRejectionCode, type Appointment, type BookingAnswer } from '@clinic/contracts';
import { appointmentOrError, doctorCommandOrError, httpStatusOf } from './outcomes.ts';

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
  it('answers every refusal with a 4xx: a taken, held or busy time 409, something missing 404, a bad time 400', () => {
    for (const { const: code } of BookingRejectionCode.anyOf) {
      const status = httpStatusOf(code);
      assert.ok(status >= 400 && status < 500, `${code} answered ${status}`);
    }
    for (const code of ['SLOT_TAKEN', 'SLOT_HELD', 'PATIENT_BUSY'] as const) assert.equal(httpStatusOf(code), 409, code);
    for (const code of ['DOCTOR_NOT_FOUND', 'CABINET_NOT_FOUND'] as const) assert.equal(httpStatusOf(code), 404, code);
    for (const code of ['IN_PAST', 'OUTSIDE_SCHEDULE', 'TIME_OFF'] as const) assert.equal(httpStatusOf(code), 400, code);
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

describe('doctor command answers at the HTTP edge', () => {
  const listed = [
    { id: appointment.id, start_time: '2030-01-07T08:00:00.000Z', end_time: '2030-01-07T08:30:00.000Z', patient_name: 'Ana' },
  ];

  /** The error a doctor command's answer is thrown as, by status and code. */
  function commandErrorOf(answer: BookingAnswer) {
    try {
      doctorCommandOrError(answer, 'RECONCILED');
    } catch (error) {
      assert.ok(error instanceof AppError);
      return { status: error.statusCode, code: error.code };
    }
    assert.fail('the answer was not thrown');
  }

  it('sends the outcome the command asked for', () => {
    const outcome: BookingAnswer = { result: 'RECONCILED', appointments: listed, cancelled: true };
    assert.equal(doctorCommandOrError(outcome, 'RECONCILED'), outcome);
    const checked: BookingAnswer = { result: 'RETIREMENT_CHECKED', appointments: [] };
    assert.equal(doctorCommandOrError(checked, 'RETIREMENT_CHECKED'), checked);
  });

  it('throws an unknown doctor as 404, what was not decided as 503, a reused key as 422', () => {
    assert.deepEqual(commandErrorOf({ result: 'REJECTED', code: 'DOCTOR_NOT_FOUND', message: 'Doctor not found' }), {
      status: 404,
      code: 'DOCTOR_NOT_FOUND',
    });
    assert.deepEqual(commandErrorOf({ result: 'UNAVAILABLE', message: 'doctor-service is unreachable; retry' }), {
      status: 503,
      code: 'UNAVAILABLE',
    });
    assert.deepEqual(commandErrorOf({ result: 'PENDING' }), { status: 503, code: 'BOOKING_PENDING' });
    assert.deepEqual(commandErrorOf({ result: 'KEY_REUSED' }), { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('never passes a doctor command’s outcome off as an appointment, nor a booking’s as a doctor command’s', () => {
    assert.throws(() => appointmentOrError({ result: 'RETIREMENT_CHECKED', appointments: [] }));
    assert.throws(() => doctorCommandOrError({ result: 'BOOKED', appointment }, 'RECONCILED'));
  });
});

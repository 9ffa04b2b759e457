import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@clinic/service-kit';
import { constraintViolation, translatingViolations } from './constraint-violations.ts';

// The shape node-postgres gives a server error.
const violation = (code: string, constraint: string) => Object.assign(new Error('violation'), { code, constraint });
const UNIQUE = '23505';
const FOREIGN_KEY = '23503';

describe('constraintViolation', () => {
  it('answers 409 for a name or user already taken', () => {
    for (const [constraint, code] of [
      ['specializations_name_unique', 'SPECIALIZATION_EXISTS'],
      ['cabinets_name_unique', 'CABINET_EXISTS'],
      ['doctors_user_unique', 'ALREADY_A_DOCTOR'],
    ]) {
      const error = constraintViolation(violation(UNIQUE, constraint!), 'write')!;
      assert.equal(error.statusCode, 409, constraint);
      assert.equal(error.code, code);
    }
  });

  it('answers 404 naming the specialization or cabinet a doctor being written points to in vain', () => {
    const specialization = constraintViolation(violation(FOREIGN_KEY, 'doctors_specialization_fk'), 'write')!;
    assert.equal(specialization.statusCode, 404);
    assert.equal(specialization.message, 'Specialization not found');
    assert.equal(constraintViolation(violation(FOREIGN_KEY, 'doctors_cabinet_fk'), 'write')!.message, 'Cabinet not found');
    assert.equal(constraintViolation(violation(FOREIGN_KEY, 'time_off_doctor_id_fkey'), 'write')!.message, 'Doctor not found');
  });

  it('answers 409 saying so when a specialization or cabinet still used by a doctor is deleted', () => {
    const specialization = constraintViolation(violation(FOREIGN_KEY, 'doctors_specialization_fk'), 'delete')!;
    assert.equal(specialization.statusCode, 409);
    assert.equal(specialization.code, 'SPECIALIZATION_IN_USE');
    assert.match(specialization.message, /still used by a doctor/);
    assert.equal(constraintViolation(violation(FOREIGN_KEY, 'doctors_cabinet_fk'), 'delete')!.code, 'CABINET_IN_USE');
  });

  it('leaves every other error alone', () => {
    assert.equal(constraintViolation(violation(UNIQUE, 'some_other_index'), 'write'), undefined);
    assert.equal(constraintViolation(violation('23514', 'schedules_time_range'), 'write'), undefined);
    assert.equal(constraintViolation(new Error('connection lost'), 'write'), undefined);
    assert.equal(constraintViolation(undefined, 'delete'), undefined);
  });
});

describe('translatingViolations', () => {
  it('answers what the statement answers', async () => {
    assert.equal(await translatingViolations('write', async () => 42), 42);
  });

  it('throws a known violation as the client’s error and anything else as it is', async () => {
    await assert.rejects(
      translatingViolations('delete', async () => Promise.reject(violation(FOREIGN_KEY, 'doctors_cabinet_fk'))),
      (error: unknown) => error instanceof AppError && error.code === 'CABINET_IN_USE',
    );
    const failure = new Error('connection lost');
    await assert.rejects(
      translatingViolations('write', async () => Promise.reject(failure)),
      (error: unknown) => error === failure,
    );
  });
});

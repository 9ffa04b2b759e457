import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConstraintViolation } from '@clinic/service-kit';
import { violationMeaning } from './constraint-violations.ts';

const unique = (constraint: string): ConstraintViolation => ({ kind: 'unique', constraint });
const foreignKey = (constraint: string): ConstraintViolation => ({ kind: 'foreign_key', constraint });

describe('violationMeaning', () => {
  it('answers 409 for a name or user already taken', () => {
    for (const [constraint, code] of [
      ['specializations_name_unique', 'SPECIALIZATION_EXISTS'],
      ['cabinets_name_unique', 'CABINET_EXISTS'],
      ['doctors_user_unique', 'ALREADY_A_DOCTOR'],
    ]) {
      const error = violationMeaning('write')(unique(constraint!))!;
      assert.equal(error.statusCode, 409, constraint);
      assert.equal(error.code, code);
    }
  });

  it('answers 404 naming the specialization or cabinet a doctor being written points to in vain', () => {
    const specialization = violationMeaning('write')(foreignKey('doctors_specialization_fk'))!;
    assert.equal(specialization.statusCode, 404);
    assert.equal(specialization.message, 'Specialization not found');
    assert.equal(violationMeaning('write')(foreignKey('doctors_cabinet_fk'))!.message, 'Cabinet not found');
    assert.equal(violationMeaning('write')(foreignKey('time_off_doctor_id_fkey'))!.message, 'Doctor not found');
  });

  it('answers 409 saying so when a specialization or cabinet still used by a doctor is deleted', () => {
    const specialization = violationMeaning('delete')(foreignKey('doctors_specialization_fk'))!;
    assert.equal(specialization.statusCode, 409);
    assert.equal(specialization.code, 'SPECIALIZATION_IN_USE');
    assert.match(specialization.message, /still used by a doctor/);
    assert.equal(violationMeaning('delete')(foreignKey('doctors_cabinet_fk'))!.code, 'CABINET_IN_USE');
  });

  it('leaves every other violation alone', () => {
    assert.equal(violationMeaning('write')(unique('some_other_index')), undefined);
    assert.equal(violationMeaning('write')({ kind: 'check', constraint: 'schedules_time_range' }), undefined);
    assert.equal(violationMeaning('write')({ kind: 'unique', constraint: undefined }), undefined);
    // A known name met as another kind of violation is not what the table describes.
    assert.equal(violationMeaning('write')({ kind: 'check', constraint: 'doctors_user_unique' }), undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserRole } from '@clinic/contracts';
import { endsDoctorRecord, mayHaveDoctorRecord } from './user-rules.ts';

describe('endsDoctorRecord', () => {
  it('ends it when a doctor, or an admin who also saw patients, becomes a patient', () => {
    assert.equal(endsDoctorRecord('DOCTOR', 'PATIENT'), true);
    assert.equal(endsDoctorRecord('ADMIN', 'PATIENT'), true);
  });

  it('keeps it when a doctor becomes an admin, or the role stays', () => {
    const kept: Array<[UserRole, UserRole]> = [
      ['DOCTOR', 'ADMIN'],
      ['DOCTOR', 'DOCTOR'],
      ['ADMIN', 'DOCTOR'],
      ['ADMIN', 'ADMIN'],
    ];
    for (const [from, to] of kept) assert.equal(endsDoctorRecord(from, to), false, `${from} → ${to}`);
  });

  it('has nothing to end for a patient', () => {
    for (const to of ['PATIENT', 'DOCTOR', 'ADMIN'] as const) assert.equal(endsDoctorRecord('PATIENT', to), false);
    assert.equal(mayHaveDoctorRecord('PATIENT'), false);
  });
});

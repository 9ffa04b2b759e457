import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserRole } from '@clinic/contracts';
import { endsDoctorRecord, leavesNoAdmin, mayHaveDoctorRecord } from './rules.ts';

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

describe('leavesNoAdmin', () => {
  const [a, b] = ['3f1c7e0a-0000-4000-8000-00000000000a', '3f1c7e0a-0000-4000-8000-00000000000b'];

  it('refuses taking the role from the only admin', () => {
    assert.equal(leavesNoAdmin([a], a), true);
  });

  it('allows it while another admin remains', () => {
    assert.equal(leavesNoAdmin([a, b], a), false);
  });

  it('counts only the other admins: one remaining is enough, none is not', () => {
    assert.equal(leavesNoAdmin([b], a), false);
    assert.equal(leavesNoAdmin([], a), true);
  });
});

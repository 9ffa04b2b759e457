import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '@clinic/service-kit';
import { canCancel, canManage, canView, listingScope, transitionAllowed } from './appointment-rules.ts';

const principal = (id: string, ...roles: Principal['roles']): Principal => ({ id, roles, email: undefined, name: undefined, token: '' });
const appointment = { patient_id: 'patient-1', doctor_user_id: 'doctor-1', status: 'PENDING' as const };

describe('who may see and change an appointment', () => {
  it('lets its patient see and cancel it, but not confirm or reschedule it', () => {
    const patient = principal('patient-1', 'PATIENT');
    assert.equal(canView(patient, appointment), true);
    assert.equal(canCancel(patient, appointment), true);
    assert.equal(canManage(patient, appointment), false);
  });

  it('hides it from any other patient', () => {
    const stranger = principal('patient-2', 'PATIENT');
    assert.equal(canView(stranger, appointment), false);
    assert.equal(canCancel(stranger, appointment), false);
  });

  it('lets its doctor see, cancel and manage it, and no other doctor', () => {
    assert.equal(canManage(principal('doctor-1', 'DOCTOR'), appointment), true);
    assert.equal(canView(principal('doctor-2', 'DOCTOR'), appointment), false);
    assert.equal(canManage(principal('doctor-2', 'DOCTOR'), appointment), false);
  });

  it('does not treat a patient whose id matches the doctor user as the doctor without the DOCTOR role', () => {
    assert.equal(canManage(principal('doctor-1', 'PATIENT'), appointment), false);
  });

  it('lets an admin do everything', () => {
    const admin = principal('admin-1', 'ADMIN');
    assert.equal(canView(admin, appointment), true);
    assert.equal(canManage(admin, appointment), true);
  });
});

describe('status transitions', () => {
  it('cancels only active appointments', () => {
    assert.equal(transitionAllowed('CANCEL', 'PENDING'), true);
    assert.equal(transitionAllowed('CANCEL', 'CONFIRMED'), true);
    assert.equal(transitionAllowed('CANCEL', 'CANCELLED'), false);
    assert.equal(transitionAllowed('CANCEL', 'COMPLETED'), false);
  });

  it('confirms and reschedules only pending appointments', () => {
    for (const transition of ['CONFIRM', 'RESCHEDULE'] as const) {
      assert.equal(transitionAllowed(transition, 'PENDING'), true);
      assert.equal(transitionAllowed(transition, 'CONFIRMED'), false);
      assert.equal(transitionAllowed(transition, 'CANCELLED'), false);
    }
  });
});

describe('listingScope', () => {
  it('limits a doctor to their own appointments and leaves an admin unrestricted', () => {
    assert.deepEqual(listingScope(principal('doctor-1', 'DOCTOR')), { doctorUserId: 'doctor-1' });
    assert.deepEqual(listingScope(principal('admin-1', 'ADMIN')), {});
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '@clinic/service-kit';
import {
  appointmentAsSeenBy,
  bookingFor,
  canCancel,
  capApplies,
  capReached,
  canManage,
  canReschedule,
  canView,
  changeRefusal,
  listingScope,
  noShowRefusal,
  noShowTooEarly,
  reasonRequired,
  rescheduleFieldRefusal,
  statusOfNewBooking,
  transitionAllowed,
} from './rules.ts';

const principal = (id: string, ...roles: Principal['roles']): Principal => ({
  id,
  roles,
  email: undefined,
  name: undefined,
  emailVerified: true,
  token: '',
});
const appointment = { patient_id: 'patient-1', doctor_user_id: 'doctor-1', status: 'PENDING' as const };

describe('who may see and change an appointment', () => {
  it('lets its patient see, cancel and reschedule it, but not confirm it', () => {
    const patient = principal('patient-1', 'PATIENT');
    assert.equal(canView(patient, appointment), true);
    assert.equal(canCancel(patient, appointment), true);
    assert.equal(canReschedule(patient, appointment), true);
    assert.equal(canManage(patient, appointment), false);
  });

  it('hides it from any other patient', () => {
    const stranger = principal('patient-2', 'PATIENT');
    assert.equal(canView(stranger, appointment), false);
    assert.equal(canCancel(stranger, appointment), false);
    assert.equal(canReschedule(stranger, appointment), false);
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

describe('the change cut-off', () => {
  const start = '2026-03-10T10:00:00.000Z';
  const booked = { ...appointment, start_time: start };
  const patient = principal('patient-1', 'PATIENT');
  const before = (ms: number) => new Date(new Date(start).getTime() - ms);
  const hours = 3_600_000;

  it('lets a patient change an appointment up to exactly the cut-off before it', () => {
    assert.equal(changeRefusal(patient, booked, before(13 * hours), 12), undefined);
    assert.equal(changeRefusal(patient, booked, before(12 * hours), 12), undefined);
  });

  it('refuses a patient one millisecond inside the cut-off, and once the appointment started', () => {
    assert.equal(changeRefusal(patient, booked, before(12 * hours - 1), 12), 'CHANGE_CUTOFF_PASSED');
    assert.equal(changeRefusal(patient, booked, before(1), 12), 'CHANGE_CUTOFF_PASSED');
    assert.equal(changeRefusal(patient, booked, before(0), 12), 'APPOINTMENT_STARTED');
    assert.equal(changeRefusal(patient, booked, before(-hours), 12), 'APPOINTMENT_STARTED');
  });

  it('with no cut-off, still refuses a patient once the appointment started', () => {
    assert.equal(changeRefusal(patient, booked, before(1), 0), undefined);
    assert.equal(changeRefusal(patient, booked, before(0), 0), 'APPOINTMENT_STARTED');
  });

  it('never holds back the appointment’s doctor or an admin', () => {
    for (const staff of [principal('doctor-1', 'DOCTOR'), principal('admin-1', 'ADMIN')]) {
      assert.equal(changeRefusal(staff, booked, before(1), 12), undefined);
      assert.equal(changeRefusal(staff, booked, before(-hours), 12), undefined);
    }
  });
});

describe('a reason from staff inside the cut-off', () => {
  const start = '2026-03-10T10:00:00.000Z';
  const booked = { ...appointment, start_time: start };
  const before = (ms: number) => new Date(new Date(start).getTime() - ms);
  const hours = 3_600_000;
  const staff = [principal('doctor-1', 'DOCTOR'), principal('admin-1', 'ADMIN')];

  it('is not needed up to exactly the patient cut-off, the patient’s own boundary', () => {
    for (const who of staff) {
      assert.equal(reasonRequired(who, booked, before(13 * hours), 12, undefined), false);
      assert.equal(reasonRequired(who, booked, before(12 * hours), 12, undefined), false);
    }
  });

  it('is needed one millisecond inside the cut-off and after the start', () => {
    for (const who of staff) {
      assert.equal(reasonRequired(who, booked, before(12 * hours - 1), 12, undefined), true);
      assert.equal(reasonRequired(who, booked, before(0), 12, undefined), true);
      assert.equal(reasonRequired(who, booked, before(-hours), 12, undefined), true);
    }
  });

  it('is satisfied by any words, but not by blanks', () => {
    const doctor = staff[0]!;
    assert.equal(reasonRequired(doctor, booked, before(hours), 12, 'Doctor ill'), false);
    assert.equal(reasonRequired(doctor, booked, before(hours), 12, '   '), true);
    assert.equal(reasonRequired(doctor, booked, before(hours), 12, ''), true);
  });

  it('is never asked of the patient (the cut-off refuses them) nor of anyone with no cut-off before the start', () => {
    assert.equal(reasonRequired(principal('patient-1', 'PATIENT'), booked, before(hours), 12, undefined), false);
    assert.equal(reasonRequired(staff[0]!, booked, before(1), 0, undefined), false);
    assert.equal(reasonRequired(staff[0]!, booked, before(0), 0, undefined), true);
  });
});

describe('whom a booking is for', () => {
  const patient = principal('patient-1', 'PATIENT');
  const admin = principal('admin-1', 'ADMIN');

  it('is the patient themselves, named or not', () => {
    assert.deepEqual(bookingFor(patient, undefined), { self: true });
    assert.deepEqual(bookingFor(patient, 'patient-1'), { self: true });
  });

  it('is never another patient for a patient', () => {
    assert.equal(bookingFor(patient, 'patient-2'), 'FORBIDDEN');
  });

  it('is the patient an admin (the front desk) names, who must name one', () => {
    assert.deepEqual(bookingFor(admin, 'patient-2'), { patientId: 'patient-2' });
    assert.equal(bookingFor(admin, undefined), 'PATIENT_REQUIRED');
    assert.equal(bookingFor(admin, 'admin-1'), 'PATIENT_REQUIRED');
  });

  it('is nobody for a doctor', () => {
    assert.equal(bookingFor(principal('doctor-1', 'DOCTOR'), undefined), 'FORBIDDEN');
    assert.equal(bookingFor(principal('doctor-1', 'DOCTOR'), 'patient-2'), 'FORBIDDEN');
  });
});

describe('no-shows', () => {
  it('are marked on confirmed appointments, or on those the job already completed, and on nothing else', () => {
    assert.equal(transitionAllowed('NO_SHOW', 'CONFIRMED'), true);
    assert.equal(transitionAllowed('NO_SHOW', 'COMPLETED'), true);
    for (const status of ['PENDING', 'CANCELLED', 'EXPIRED', 'NO_SHOW'] as const) assert.equal(transitionAllowed('NO_SHOW', status), false);
  });

  it('wait for the start: refused a millisecond before it, allowed from it on', () => {
    const start = '2026-03-10T10:00:00.000Z';
    assert.equal(noShowTooEarly({ start_time: start }, new Date(Date.parse(start) - 1)), true);
    assert.equal(noShowTooEarly({ start_time: start }, new Date(start)), false);
    assert.equal(noShowTooEarly({ start_time: start }, new Date(Date.parse(start) + 60_000)), false);
  });

  it('wait a grace period after the start, in which the patient may still arrive', () => {
    const start = '2026-03-10T10:00:00.000Z';
    const at = (ms: number) => new Date(Date.parse(start) + ms);
    assert.equal(noShowRefusal({ start_time: start }, at(-1), 10), 'APPOINTMENT_NOT_STARTED');
    assert.equal(noShowRefusal({ start_time: start }, at(0), 10), 'TOO_EARLY_FOR_NO_SHOW');
    assert.equal(noShowRefusal({ start_time: start }, at(10 * 60_000 - 1), 10), 'TOO_EARLY_FOR_NO_SHOW');
    assert.equal(noShowRefusal({ start_time: start }, at(10 * 60_000), 10), undefined, 'exactly at the end of the grace period');
    assert.equal(noShowRefusal({ start_time: start }, at(3_600_000), 10), undefined);
    assert.equal(noShowRefusal({ start_time: start }, at(0), 0), undefined, 'no grace: from the start on');
  });

  it('leave expired and missed appointments unchangeable otherwise', () => {
    for (const transition of ['CANCEL', 'CONFIRM', 'RESCHEDULE'] as const) {
      assert.equal(transitionAllowed(transition, 'EXPIRED'), false);
      assert.equal(transitionAllowed(transition, 'NO_SHOW'), false);
    }
  });
});

describe('the caps per patient', () => {
  it('apply to a patient booking for themselves, not to the front desk booking for them', () => {
    assert.equal(capApplies('patient-1', 'patient-1'), true);
    assert.equal(capApplies('admin-1', 'patient-1'), false);
  });

  it('let the patient reach the cap and refuse one more', () => {
    assert.equal(capReached(0, 1), false);
    assert.equal(capReached(4, 5), false);
    assert.equal(capReached(5, 5), true);
    assert.equal(capReached(6, 5), true);
  });
});

describe('what a reschedule may set', () => {
  const patient = principal('patient-1', 'PATIENT');
  const doctor = principal('doctor-1', 'DOCTOR');
  const admin = principal('admin-1', 'ADMIN');

  it('a patient moves the time only: a cabinet or a reason is refused, naming them', () => {
    assert.equal(rescheduleFieldRefusal(patient, appointment, {}), undefined);
    assert.match(rescheduleFieldRefusal(patient, appointment, { cabinet_id: 'c' })!, /cabinet_id are set by the clinic/);
    assert.match(rescheduleFieldRefusal(patient, appointment, { reason: 'x' })!, /reason are set by the clinic/);
    assert.match(rescheduleFieldRefusal(patient, appointment, { cabinet_id: 'c', reason: 'x' })!, /cabinet_id and reason/);
  });

  it('staff set both', () => {
    for (const staff of [doctor, admin])
      assert.equal(rescheduleFieldRefusal(staff, appointment, { cabinet_id: 'c', reason: 'x' }), undefined);
  });
});

describe('an appointment as the caller sees it', () => {
  const booked = { id: 'a1', doctor_name: 'Dr. Ana', doctor_email: 'ana@clinic.local' };

  it('names the doctor’s login to staff only', () => {
    for (const staff of [principal('doctor-1', 'DOCTOR'), principal('admin-1', 'ADMIN')])
      assert.deepEqual(appointmentAsSeenBy(staff, booked), booked);
    for (const viewer of [principal('patient-1', 'PATIENT'), undefined]) {
      assert.deepEqual(appointmentAsSeenBy(viewer, booked), { id: 'a1', doctor_name: 'Dr. Ana' });
    }
  });
});

describe('a new booking’s status', () => {
  it('is PENDING when the patient booked it, CONFIRMED when the front desk booked it for them', () => {
    assert.equal(statusOfNewBooking('patient-1', 'patient-1'), 'PENDING');
    assert.equal(statusOfNewBooking('admin-1', 'patient-1'), 'CONFIRMED');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppError, Principal, Role } from '@clinic/service-kit';
import {
  cancellationOf,
  canManageCalendar,
  doctorAsSeenBy,
  doctorHasAppointments,
  invalidScheduleEntry,
  invalidTimeOff,
  missingReferences,
  scheduleEntryInput,
  scheduleHasAppointments,
  scheduleEntryView,
  timeOffView,
} from './rules.ts';

const DOCTOR_USER = '6f1c2b9e-8d1a-4c55-9a43-0c8f3f1b2a10';
const OTHER_USER = 'c0a8012e-0000-4000-8000-000000000001';
const doctor = { user_id: DOCTOR_USER };
const caller = (id: string, ...roles: Role[]): Principal => ({
  id,
  roles,
  email: undefined,
  name: undefined,
  emailVerified: true,
  token: 'token',
});

describe('canManageCalendar', () => {
  it('lets an admin change any doctor’s schedule and time off', () => {
    assert.equal(canManageCalendar(caller(OTHER_USER, 'ADMIN'), doctor), true);
  });

  it('lets a doctor change their own', () => {
    assert.equal(canManageCalendar(caller(DOCTOR_USER, 'DOCTOR'), doctor), true);
  });

  it('refuses a doctor someone else’s', () => {
    assert.equal(canManageCalendar(caller(OTHER_USER, 'DOCTOR'), doctor), false);
  });

  it('refuses patients, services and anyone without a role, even with the doctor’s user id', () => {
    for (const roles of [['PATIENT'], ['SERVICE'], []] as Role[][]) {
      assert.equal(canManageCalendar(caller(DOCTOR_USER, ...roles), doctor), false, roles.join());
    }
  });
});

describe('missingReferences', () => {
  it('is nothing when both exist', () => {
    assert.equal(missingReferences({ specialization: true, cabinet: true }), undefined);
  });

  it('names the one that is missing', () => {
    const error = missingReferences({ specialization: true, cabinet: false })!;
    assert.equal(error.statusCode, 404);
    assert.equal(error.code, 'NOT_FOUND');
    assert.equal(error.message, 'Cabinet not found');
    assert.deepEqual(error.details, { missing: ['cabinet_id'] });
    assert.equal(missingReferences({ specialization: false, cabinet: true })!.message, 'Specialization not found');
  });

  it('names both when both are missing', () => {
    const error = missingReferences({ specialization: false, cabinet: false })!;
    assert.equal(error.message, 'Specialization and cabinet not found');
    assert.deepEqual(error.details, { missing: ['specialization_id', 'cabinet_id'] });
  });
});

describe('scheduleEntryInput', () => {
  it('renames the request’s fields for the scheduling rules and fills the defaults', () => {
    assert.deepEqual(scheduleEntryInput({ weekday: 2, start_time: '09:00', end_time: '12:00' }), {
      weekday: 2,
      startTime: '09:00',
      endTime: '12:00',
      slotMinutes: 30,
      validFrom: null,
      validTo: null,
    });
    assert.deepEqual(
      scheduleEntryInput({
        weekday: 6,
        start_time: '08:00',
        end_time: '24:00',
        slot_minutes: 20,
        valid_from: '2026-01-01',
        valid_to: null,
      }),
      { weekday: 6, startTime: '08:00', endTime: '24:00', slotMinutes: 20, validFrom: '2026-01-01', validTo: null },
    );
  });
});

describe('invalidScheduleEntry', () => {
  it('is a validation error naming the fields as the request does', () => {
    const error = invalidScheduleEntry([
      { field: 'endTime', message: 'must be after startTime' },
      { field: 'slotMinutes', message: 'must divide the 90 minutes from startTime to endTime' },
    ]);
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(error.details, [
      { path: '/end_time', message: 'must be after startTime' },
      { path: '/slot_minutes', message: 'must divide the 90 minutes from startTime to endTime' },
    ]);
    assert.match(error.message, /end_time must be after startTime; slot_minutes must divide/);
  });
});

describe('invalidTimeOff', () => {
  it('accepts one day and longer ranges', () => {
    assert.equal(invalidTimeOff({ start_date: '2026-12-24', end_date: '2026-12-24', reason: 'Christmas Eve' }), undefined);
    assert.equal(invalidTimeOff({ start_date: '2026-12-24', end_date: '2027-01-02', reason: 'vacation' }), undefined);
  });

  it('refuses an end before the start', () => {
    const error = invalidTimeOff({ start_date: '2026-12-24', end_date: '2026-12-23', reason: 'vacation' })!;
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(error.details, [{ path: '/end_date', message: 'must not be before start_date' }]);
  });
});

describe('views', () => {
  it('show a schedule entry and time off with the request’s field names', () => {
    const entry = { id: 'e', weekday: 1, startTime: '09:00', endTime: '13:00', slotMinutes: 20, validFrom: null, validTo: '2026-12-31' };
    assert.deepEqual(scheduleEntryView('d', entry), {
      id: 'e',
      doctor_id: 'd',
      weekday: 1,
      start_time: '09:00',
      end_time: '13:00',
      slot_minutes: 20,
      valid_from: null,
      valid_to: '2026-12-31',
    });
    assert.deepEqual(timeOffView('d', { id: 't', startDate: '2026-12-24', endDate: '2026-12-26', reason: 'holidays' }), {
      id: 't',
      doctor_id: 'd',
      start_date: '2026-12-24',
      end_date: '2026-12-26',
      reason: 'holidays',
    });
  });
});

describe('cancellationOf', () => {
  const admin = caller(OTHER_USER, 'ADMIN');
  const self = caller(DOCTOR_USER, 'DOCTOR');

  it('touches no appointment unless asked', () => {
    assert.equal(cancellationOf(admin, {}), undefined);
    assert.equal(cancellationOf(admin, { cancel_appointments: false }), undefined);
  });

  it('cancels with the reason, in the capacity of whoever asked', () => {
    assert.deepEqual(cancellationOf(admin, { cancel_appointments: true, cancellation_reason: ' The doctor is ill ' }), {
      reason: 'The doctor is ill',
      cancelled_by: 'ADMIN',
    });
    assert.deepEqual(cancellationOf(self, { cancel_appointments: true, cancellation_reason: 'Conference' }), {
      reason: 'Conference',
      cancelled_by: 'DOCTOR',
    });
  });

  it('answers 400 REASON_REQUIRED for cancelling without a reason', () => {
    assert.throws(
      () => cancellationOf(admin, { cancel_appointments: true }),
      (error: AppError) => error.statusCode === 400 && error.code === 'REASON_REQUIRED',
    );
  });

  it('answers 400 for a reason without cancelling', () => {
    assert.throws(
      () => cancellationOf(admin, { cancellation_reason: 'Why?' }),
      (error: AppError) => error.statusCode === 400 && error.code === 'VALIDATION_FAILED',
    );
  });
});

describe('the refusals of a change that appointments stand in the way of', () => {
  const appointments = [{ id: 'a1', start_time: '2026-05-04T06:00:00.000Z', end_time: '2026-05-04T06:30:00.000Z', patient_name: 'Ana' }];

  it('answer 409 listing the appointments', () => {
    for (const [refusal, code] of [
      [scheduleHasAppointments, 'SCHEDULE_HAS_APPOINTMENTS'],
      [doctorHasAppointments, 'DOCTOR_HAS_APPOINTMENTS'],
    ] as const) {
      const error = refusal(appointments);
      assert.equal(error.statusCode, 409);
      assert.equal(error.code, code);
      assert.deepEqual(error.details, { appointments });
      assert.match(error.message, /1 appointment/);
    }
  });
});

describe('a doctor as the caller sees them', () => {
  const doctor = { id: 'd1', full_name: 'Dr. Ana', email: 'ana@clinic.local' };

  it('shows the login email to admins only', () => {
    assert.equal(doctorAsSeenBy(caller('a', 'ADMIN'), doctor).email, 'ana@clinic.local');
    for (const viewer of [undefined, caller('p', 'PATIENT'), caller('d', 'DOCTOR')]) {
      assert.deepEqual(doctorAsSeenBy(viewer, doctor), { id: 'd1', full_name: 'Dr. Ana' });
    }
  });
});

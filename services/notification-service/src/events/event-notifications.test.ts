import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { AppointmentEvent } from '@clinic/contracts';
import { takesPart } from '../notifications/manual-message.ts';
import { cancelOnlineUntil, isNotified } from './event-notifications.ts';
import { appointment, event } from '../../test/fixtures.ts';

describe('events nobody is told of', () => {
  it('a NO_SHOW is a valid event (not dead-lettered by the consumer’s schema) that notifies no one', () => {
    const noShow = event('NO_SHOW', '6a1f8c2e-0d55-4f4e-9f3b-6b7f3d0c1a01', appointment({ status: 'NO_SHOW' }));
    assert.equal(Value.Check(AppointmentEvent, noShow), true);
    assert.equal(isNotified(noShow), false);
  });

  it('the appointment’s changes still notify', () => {
    for (const type of ['CREATED', 'UPDATED', 'CONFIRMED', 'CANCELLED', 'REMINDER_DUE', 'PDF_GENERATED', 'EXPIRED'] as const) {
      assert.equal(isNotified(event(type, '6a1f8c2e-0d55-4f4e-9f3b-6b7f3d0c1a02')), true, type);
    }
  });
});

describe('the reminder’s cut-off', () => {
  const start = { start_time: '2026-12-03T07:30:00.000Z' };

  it('is the start less the patient cut-off, while it was still ahead when the reminder was recorded', () => {
    assert.equal(cancelOnlineUntil(start, '2026-12-02T00:00:00.000Z', 12), '2026-12-02T19:30:00.000Z');
    assert.equal(cancelOnlineUntil(start, '2026-12-02T19:30:00.000Z', 12), '2026-12-02T19:30:00.000Z', 'exactly at the cut-off');
  });

  it('is none once it has passed: the patient is told to contact the clinic', () => {
    assert.equal(cancelOnlineUntil(start, '2026-12-02T19:30:00.001Z', 12), undefined);
    assert.equal(cancelOnlineUntil(start, '2026-12-03T07:00:00.000Z', 1), undefined);
  });
});

describe('whom a message about an appointment may go to', () => {
  it('its patient and its doctor, nobody else', () => {
    const booked = { patient_id: 'patient-1', doctor_user_id: 'doctor-1' };
    assert.equal(takesPart('patient-1', booked), true);
    assert.equal(takesPart('doctor-1', booked), true);
    assert.equal(takesPart('patient-2', booked), false);
  });
});

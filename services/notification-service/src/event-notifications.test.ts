import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { AppointmentEvent } from '@clinic/contracts';
import { isNotified } from './event-notifications.ts';
import { appointment, event } from './fixtures.ts';

describe('events nobody is told of', () => {
  it('a NO_SHOW is a valid event (not dead-lettered by the consumer’s schema) that notifies no one', () => {
    const noShow = event('NO_SHOW', '6a1f8c2e-0d55-4f4e-9f3b-6b7f3d0c1a01', appointment({ status: 'NO_SHOW' }));
    assert.equal(Value.Check(AppointmentEvent, noShow), true);
    assert.equal(isNotified(noShow), false);
  });

  it('the appointment’s changes still notify', () => {
    for (const type of ['CREATED', 'UPDATED', 'CONFIRMED', 'CANCELLED', 'REMINDER_DUE', 'PDF_GENERATED'] as const) {
      assert.equal(isNotified(event(type, '6a1f8c2e-0d55-4f4e-9f3b-6b7f3d0c1a02')), true, type);
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BookableVisitType } from '@clinic/contracts';
import { minutesOf, requestedInterval, visitTypeRefusal } from './visit-type-rules.ts';

const consultation: BookableVisitType = {
  id: 'v',
  name_ro: 'Consultație',
  name_en: 'Consultation',
  duration_minutes: 60,
  online_bookable: true,
};
const deskOnly = { ...consultation, online_bookable: false };

describe('visitTypeRefusal', () => {
  it('refuses a type the doctor does not offer', () => {
    assert.equal(visitTypeRefusal(undefined, { bookedBy: 'p', patientId: 'p' })?.code, 'VISIT_TYPE_NOT_FOUND');
  });

  it('lets a patient book online types only, and the front desk any', () => {
    assert.equal(visitTypeRefusal(consultation, { bookedBy: 'p', patientId: 'p' }), undefined);
    assert.equal(visitTypeRefusal(deskOnly, { bookedBy: 'p', patientId: 'p' })?.code, 'VISIT_TYPE_NOT_ONLINE');
    assert.equal(visitTypeRefusal(deskOnly, { bookedBy: 'admin', patientId: 'p' }), undefined);
  });
});

describe('requestedInterval', () => {
  const start = '2026-03-30T09:00:00+03:00';

  it('ends a visit type’s booking after its duration when no end is given', () => {
    assert.deepEqual(requestedInterval({ start_time: start }, 60), { start_time: start, end_time: '2026-03-30T07:00:00.000Z' });
  });

  it('accepts the matching end in any offset and refuses another', () => {
    assert.deepEqual(requestedInterval({ start_time: start, end_time: '2026-03-30T10:00:00+03:00' }, 60), {
      start_time: start,
      end_time: '2026-03-30T10:00:00+03:00',
    });
    assert.deepEqual(requestedInterval({ start_time: start, end_time: '2026-03-30T09:30:00+03:00' }, 60), { refusal: 'END_TIME_MISMATCH' });
  });

  it('needs an end without a visit type, as before', () => {
    assert.deepEqual(requestedInterval({ start_time: start }, undefined), { refusal: 'END_TIME_REQUIRED' });
    assert.deepEqual(requestedInterval({ start_time: start, end_time: '2026-03-30T09:30:00+03:00' }, undefined), {
      start_time: start,
      end_time: '2026-03-30T09:30:00+03:00',
    });
  });
});

describe('minutesOf', () => {
  it('measures an appointment in minutes', () => {
    assert.equal(minutesOf({ start_time: '2026-03-30T09:00:00.000Z', end_time: '2026-03-30T09:20:00.000Z' }), 20);
  });
});

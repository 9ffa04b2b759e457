import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@clinic/service-kit';
import { busyIntervals, busyQueryUrl } from './busy-times.ts';

const DOCTOR = '6f1c2b9e-8d1a-4c55-9a43-0c8f3f1b2a10';

describe('busyQueryUrl', () => {
  it('asks appointment-service’s internal route for the doctor and the span', () => {
    const url = new URL(
      busyQueryUrl('http://appointments:8080', DOCTOR, {
        from: new Date('2026-03-29T21:00:00Z'),
        to: new Date('2026-03-30T21:00:00Z'),
      }),
    );
    assert.equal(url.origin + url.pathname, 'http://appointments:8080/internal/busy');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      doctor_id: DOCTOR,
      from: '2026-03-29T21:00:00.000Z',
      to: '2026-03-30T21:00:00.000Z',
    });
  });

  it('leaves `to` out for a span without end', () => {
    const url = new URL(busyQueryUrl('http://appointments:8080', DOCTOR, { from: new Date('2026-03-29T21:00:00Z') }));
    assert.equal(url.searchParams.has('to'), false);
  });
});

describe('busyIntervals', () => {
  it('reads the answer’s intervals as instants, whatever offset they are written with', () => {
    assert.deepEqual(
      busyIntervals({ intervals: [{ start: '2026-03-30T09:00:00+03:00', end: '2026-03-30T06:30:00Z' }], changes_at: null }),
      {
        intervals: [{ start: new Date('2026-03-30T06:00:00Z'), end: new Date('2026-03-30T06:30:00Z') }],
        changesAt: null,
      },
    );
    assert.deepEqual(busyIntervals({ intervals: [], changes_at: null }), { intervals: [], changesAt: null });
  });

  it('reads when the answer changes by itself (a hold expiring)', () => {
    assert.deepEqual(busyIntervals({ intervals: [], changes_at: '2026-03-30T09:10:00+03:00' }).changesAt, new Date('2026-03-30T06:10:00Z'));
  });

  it('takes an answer that is not a list of intervals for appointment-service failing (503)', () => {
    for (const body of [{}, { intervals: [{ start: 'soon', end: 'later' }] }, { intervals: [], changes_at: 'soon' }] as never[]) {
      assert.throws(
        () => busyIntervals(body),
        (error: unknown) => error instanceof AppError && error.statusCode === 503,
      );
    }
  });
});

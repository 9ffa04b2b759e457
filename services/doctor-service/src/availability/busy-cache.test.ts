import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BusyAnswer, Span } from '../appointments/index.ts';
import { busyCache } from './busy-cache.ts';

const ANA = 'b0c7f3a2-5d4e-4f61-9a8b-1c2d3e4f5a60';
const DAN = 'c1d8e4b3-6e5f-4a72-8b9c-2d3e4f5a6b71';
const MONDAY: Span = { from: new Date('2030-01-07T00:00:00Z'), to: new Date('2030-01-08T00:00:00Z') };
const TUESDAY: Span = { from: new Date('2030-01-08T00:00:00Z'), to: new Date('2030-01-09T00:00:00Z') };

/** appointment-service as the cache sees it: every question counted, answering what `next` holds. */
function appointments(next: BusyAnswer = { intervals: [], changesAt: null }) {
  const asked: string[] = [];
  return {
    asked,
    answer: (answer: BusyAnswer) => void (next = answer),
    busy: {
      async of(doctorId: string, span: Span) {
        asked.push(`${doctorId} ${span.from.toISOString().slice(0, 10)}`);
        return next;
      },
    },
  };
}

/** The announcements' listener with nothing left to hear. */
const caughtUp = () => Promise.resolve();

describe('busyCache', () => {
  it('asks once per doctor and span while trusted, and again for a doctor whose change was announced', async () => {
    const service = appointments();
    const cache = busyCache(service.busy, caughtUp);
    cache.trust(true);
    await cache.of(ANA, MONDAY);
    await cache.of(ANA, MONDAY);
    await cache.of(ANA, TUESDAY);
    await cache.of(DAN, MONDAY);
    assert.deepEqual(service.asked, [`${ANA} 2030-01-07`, `${ANA} 2030-01-08`, `${DAN} 2030-01-07`]);
    cache.forget(ANA);
    await cache.of(ANA, MONDAY);
    await cache.of(DAN, MONDAY);
    assert.equal(service.asked.length, 4, 'only the doctor whose appointments changed is asked again');
  });

  it('asks every time while not trusted (the announcements’ connection is down)', async () => {
    const service = appointments();
    const cache = busyCache(service.busy, caughtUp);
    await cache.of(ANA, MONDAY);
    await cache.of(ANA, MONDAY);
    assert.equal(service.asked.length, 2);
  });

  it('keeps an answer with a hold only until the hold expires, which nothing announces', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: new Date('2030-01-06T10:00:00Z') });
    const held = { start: new Date('2030-01-07T09:00:00Z'), end: new Date('2030-01-07T09:30:00Z') };
    const service = appointments({ intervals: [held], changesAt: new Date('2030-01-06T10:15:00Z') });
    const cache = busyCache(service.busy, caughtUp);
    cache.trust(true);
    assert.deepEqual((await cache.of(ANA, MONDAY)).intervals, [held]);
    t.mock.timers.tick(14 * 60_000);
    await cache.of(ANA, MONDAY);
    assert.equal(service.asked.length, 1, 'before the expiry the kept answer holds');
    service.answer({ intervals: [], changesAt: null });
    t.mock.timers.tick(60_000);
    assert.deepEqual((await cache.of(ANA, MONDAY)).intervals, [], 'once the hold expired, the time is free again');
    assert.equal(service.asked.length, 2);
  });

  it('hears every announcement committed before a question before answering it from memory', async () => {
    const held = { start: new Date('2030-01-07T09:00:00Z'), end: new Date('2030-01-07T09:30:00Z') };
    const service = appointments({ intervals: [held], changesAt: null });
    // The cancellation of the held time is committed and announced, but not heard yet when the
    // patient asks again: catching up hears it first.
    const announcements: string[] = [];
    const cache = busyCache(service.busy, async () => {
      for (const doctorId of announcements.splice(0)) cache.forget(doctorId);
    });
    cache.trust(true);
    assert.deepEqual((await cache.of(ANA, MONDAY)).intervals, [held]);
    service.answer({ intervals: [], changesAt: null });
    announcements.push(ANA);
    assert.deepEqual((await cache.of(ANA, MONDAY)).intervals, [], 'the cancelled time is free at once');
    assert.equal(service.asked.length, 2);
  });

  it('asks appointment-service when it cannot catch up (the listening connection was lost meanwhile)', async () => {
    const service = appointments();
    const cache = busyCache(service.busy, () => Promise.reject(new Error('connection lost')));
    cache.trust(true);
    await cache.of(ANA, MONDAY);
    await cache.of(ANA, MONDAY);
    assert.equal(service.asked.length, 2);
  });
});

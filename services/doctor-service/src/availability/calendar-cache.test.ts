import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarCache } from './calendar-cache.ts';
import type { DoctorCalendar } from '../schedules/repository.ts';

const ANA = 'b0c7f3a2-5d4e-4f61-9a8b-1c2d3e4f5a60';
const DAN = 'c1d8e4b3-6e5f-4a72-8b9c-2d3e4f5a6b71';

/** A calendar store whose reads are counted; `hold` makes reads wait, after reading, until released. */
function store() {
  const reads: string[] = [];
  let version = 1;
  let gate: Promise<void> | undefined;
  return {
    reads,
    change: () => void version++,
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    async read(doctorId: string): Promise<DoctorCalendar> {
      reads.push(doctorId);
      // What the database holds when the read is made.
      const calendar: DoctorCalendar = {
        found: true,
        schedule: [
          { id: `entry-${version}`, weekday: 1, startTime: '09:00', endTime: '12:00', slotMinutes: 30, validFrom: null, validTo: null },
        ],
        timeOff: [],
        own: { minNoticeMinutes: null, bufferMinutes: null },
        closedDays: [],
      };
      if (gate) await gate;
      return calendar;
    },
  };
}

const entryOf = (calendar: DoctorCalendar) => calendar.schedule[0]!.id;

describe('calendarCache', () => {
  it('reads a doctor’s calendar once while trusted, and again after the doctor is forgotten', async () => {
    const db = store();
    const cache = calendarCache((id) => db.read(id));
    cache.trust(true);
    await cache.of(ANA);
    await cache.of(ANA);
    await cache.of(DAN);
    assert.deepEqual(db.reads, [ANA, DAN]);
    db.change();
    cache.forget(ANA);
    assert.equal(entryOf(await cache.of(ANA)), 'entry-2');
    await cache.of(DAN);
    assert.deepEqual(db.reads, [ANA, DAN, ANA], 'only the forgotten doctor is read again');
    cache.forget();
    await cache.of(DAN);
    assert.deepEqual(db.reads, [ANA, DAN, ANA, DAN], 'forgetting every doctor');
  });

  it('reads every time while not trusted (no announcements heard), and forgets what it knew when trust ends', async () => {
    const db = store();
    const cache = calendarCache((id) => db.read(id));
    await cache.of(ANA);
    await cache.of(ANA);
    assert.deepEqual(db.reads, [ANA, ANA]);
    cache.trust(true);
    await cache.of(ANA);
    cache.trust(false);
    db.change();
    assert.equal(entryOf(await cache.of(ANA)), 'entry-2');
    assert.deepEqual(db.reads, [ANA, ANA, ANA, ANA]);
  });

  it('does not keep a calendar read while a change of it was announced', async () => {
    const db = store();
    const cache = calendarCache((id) => db.read(id));
    cache.trust(true);
    const release = db.hold();
    const reading = cache.of(ANA);
    // The change commits and is announced while the old calendar is on its way back.
    db.change();
    cache.forget(ANA);
    release();
    assert.equal(entryOf(await reading), 'entry-1', 'the read itself answers what it read');
    assert.equal(entryOf(await cache.of(ANA)), 'entry-2', 'but the next answer is read anew');
  });

  it('keeps at most `capacity` calendars, forgetting the oldest read', async () => {
    const db = store();
    const cache = calendarCache((id) => db.read(id), 1);
    cache.trust(true);
    await cache.of(ANA);
    await cache.of(DAN);
    await cache.of(DAN);
    await cache.of(ANA);
    assert.deepEqual(db.reads, [ANA, DAN, ANA]);
  });
});

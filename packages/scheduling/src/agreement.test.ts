import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBookable } from './bookable.ts';
import { findOverlappingEntry, validateScheduleEntry } from './schedule-entry.ts';
import { availableSlots } from './slots.ts';
import type { AvailableSlotsQuery, Interval, ScheduleEntry, TimeOff } from './types.ts';
import { addDays, isoWeekday, localDate } from './wall-clock.ts';

// The 2026 clock changes of zones that change by an hour, by half an hour, at midnight, or never.
const CLOCK_CHANGE_DAYS: Record<string, string[]> = {
  'Europe/Bucharest': ['2026-03-29', '2026-10-25'],
  'America/New_York': ['2026-03-08', '2026-11-01'],
  'Australia/Lord_Howe': ['2026-04-05', '2026-10-04'],
  'America/Santiago': ['2026-04-04', '2026-09-05', '2026-09-06'],
  'America/Havana': ['2026-03-08', '2026-11-01'],
  'Asia/Kolkata': [],
};
const SLOT_LENGTHS = [5, 10, 15, 20, 30, 40, 45, 60, 90, 120];
const MINUTE = 60_000;
const SCENARIOS = 400;

/** mulberry32: a small seeded generator, so a failure reproduces. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function scenarioGenerator(random: () => number) {
  const integer = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[integer(0, items.length - 1)] as T;
  const clock = (minutes: number) =>
    minutes === 1440 ? '24:00' : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const maybeDate = (date: string, spread: number) => (random() < 0.5 ? null : addDays(date, integer(-spread, spread)));

  function scheduleEntry(id: string, date: string): ScheduleEntry {
    const slotMinutes = pick(SLOT_LENGTHS);
    const length = slotMinutes * integer(1, 8);
    const latestStart = 1440 - length;
    // Clock changes happen at night, so crowd the entries there.
    const start = pick([
      () => integer(0, Math.floor(Math.min(300, latestStart) / 5)) * 5,
      () => latestStart,
      () => integer(0, Math.floor(latestStart / 5)) * 5,
    ])();
    const [validFrom, validTo] = [maybeDate(date, 3), maybeDate(date, 3)].sort();
    return {
      id,
      weekday: random() < 0.8 ? isoWeekday(date) : integer(1, 7),
      startTime: clock(start),
      endTime: clock(start + length),
      slotMinutes,
      validFrom: validFrom ?? null,
      validTo: validTo ?? null,
    };
  }

  function schedule(date: string): ScheduleEntry[] {
    const entries: ScheduleEntry[] = [];
    const count = integer(1, 4);
    for (let index = 0; index < count; index += 1) {
      const candidate = scheduleEntry(`entry-${index}`, date);
      assert.deepEqual(validateScheduleEntry(candidate), { ok: true }, JSON.stringify(candidate));
      // Stored schedules pass the overlap check first, so generate only such schedules.
      if (findOverlappingEntry(entries, candidate) === undefined) entries.push(candidate);
    }
    return entries;
  }

  function timeOff(date: string): TimeOff[] {
    if (random() < 0.85) return [];
    const startDate = addDays(date, integer(-2, 1));
    return [{ id: 'off', startDate, endDate: addDays(startDate, integer(0, 2)), reason: 'leave' }];
  }

  /** A query with busy = [] on a day of a clock change, next to one, or anywhere in 2026. */
  function query(): AvailableSlotsQuery {
    const timeZone = pick(Object.keys(CLOCK_CHANGE_DAYS));
    const changeDays = CLOCK_CHANGE_DAYS[timeZone] ?? [];
    const date =
      changeDays.length > 0 && random() < 0.7 ? addDays(pick(changeDays), pick([-1, 0, 0, 0])) : addDays('2026-01-01', integer(0, 364));
    const now = new Date(Date.parse(`${date}T12:00:00Z`) + integer(-3 * 1440, 1440) * MINUTE);
    return {
      date,
      timeZone,
      schedule: schedule(date),
      timeOff: timeOff(date),
      busy: [],
      now,
      horizonDays: integer(0, 4),
    };
  }

  /** Intervals near the offered slots and anywhere in the day, most of them wrong. */
  function candidates(date: string, offered: readonly Interval[]): Interval[] {
    const aroundSlots = offered.flatMap((slot) => {
      const length = slot.end.getTime() - slot.start.getTime();
      const neighbour = pick([-length, length]);
      const start = new Date(slot.start.getTime() + pick([-10, -5, 5, 30, 60]) * MINUTE);
      return [
        { start: new Date(slot.start.getTime() + neighbour), end: new Date(slot.end.getTime() + neighbour) },
        { start: slot.start, end: new Date(slot.start.getTime() + pick([2 * length, length / 2, 30 * MINUTE])) },
        { start, end: new Date(start.getTime() + length) },
      ];
    });
    const anywhere = Array.from({ length: 20 }, () => {
      const start = new Date(Date.parse(`${date}T00:00:00Z`) + integer(-24 * 12, 48 * 12) * 5 * MINUTE);
      return { start, end: new Date(start.getTime() + pick(SLOT_LENGTHS) * MINUTE) };
    });
    return [...aroundSlots, ...anywhere];
  }

  return { query, candidates };
}

function asIntervals(query: AvailableSlotsQuery): Interval[] {
  return availableSlots(query).slots.map((slot) => ({ start: new Date(slot.start), end: new Date(slot.end) }));
}

function sameInstants(a: Interval, b: Interval): boolean {
  return a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime();
}

describe('availableSlots and checkBookable agree', () => {
  const generate = scenarioGenerator(seededRandom(20260329));
  const scenarios = Array.from({ length: SCENARIOS }, () => generate.query());

  it('offers slots on the requested date, sorted, distinct and not overlapping', () => {
    for (const query of scenarios) {
      const { slots } = availableSlots(query);
      slots.forEach((slot, index) => {
        assert.equal(slot.start.slice(0, 10), query.date, JSON.stringify(query));
        const next = slots[index + 1];
        if (next) assert.ok(Date.parse(slot.end) <= Date.parse(next.start), JSON.stringify({ query, slot, next }));
      });
    }
  });

  it('accepts as bookable every slot that availableSlots offers', () => {
    let offered = 0;
    for (const query of scenarios) {
      for (const slot of asIntervals(query)) {
        offered += 1;
        assert.deepEqual(checkBookable({ ...query, ...slot }), { ok: true }, JSON.stringify({ query, slot }));
      }
    }
    assert.ok(offered > SCENARIOS, `only ${offered} slots offered: the generator is too strict`);
  });

  it('accepts only intervals that availableSlots offers for their date', () => {
    let accepted = 0;
    for (const query of scenarios) {
      for (const candidate of generate.candidates(query.date, asIntervals(query))) {
        if (!checkBookable({ ...query, ...candidate }).ok) continue;
        accepted += 1;
        const offered = asIntervals({ ...query, date: localDate(candidate.start, query.timeZone) });
        assert.ok(
          offered.some((slot) => sameInstants(slot, candidate)),
          JSON.stringify({ query, candidate }),
        );
      }
    }
    assert.ok(accepted > SCENARIOS / 4, `only ${accepted} candidates accepted: the candidates are too far off`);
  });
});

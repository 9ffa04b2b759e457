import { describe, expect, it } from 'vitest';
import type { Appointment, ScheduleEntry, TimeOff } from '../../../lib/types.ts';
import { wallClock } from '../../../lib/dates.ts';
import { axisWindow, blockBox, hourMarks, layOut, spanOn, timeOffOn, visibleAppointments, workingSpans } from './calendar-layout.ts';

const ZONE = 'Europe/Bucharest';
const at = (start_time: string, end_time: string) => ({ start_time, end_time });

describe('the calendar’s time axis', () => {
  it('places a block by its wall-clock start and sizes it by its duration', () => {
    // 09:30–10:00 in Bucharest in summer (UTC+3).
    const span = spanOn(at('2026-06-10T06:30:00Z', '2026-06-10T07:00:00Z'), '2026-06-10', ZONE);
    expect(span).toEqual({ start: 570, end: 600 });
    expect(blockBox(span!, { start: 480, end: 1080 })).toEqual({ top: 15, height: 5 });
  });

  it('puts a winter time at the same place as a summer one (UTC+2)', () => {
    expect(spanOn(at('2026-01-12T07:30:00Z', '2026-01-12T08:00:00Z'), '2026-01-12', ZONE)).toEqual({ start: 570, end: 600 });
  });

  it('lines blocks up with the hour marks on the day the clocks go forward (29 March 2026)', () => {
    // 09:00 local is 06:00Z on that day (UTC+3 since 04:00); elapsed time since midnight would say 8 h.
    expect(spanOn(at('2026-03-29T06:00:00Z', '2026-03-29T06:20:00Z'), '2026-03-29', ZONE)).toEqual({ start: 540, end: 560 });
    // 02:30–04:30 on the clock is one real hour: the block spans what the clock shows.
    expect(spanOn(at('2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z'), '2026-03-29', ZONE)).toEqual({ start: 150, end: 270 });
  });

  it('lines blocks up on the day the clocks go back (25 October 2026)', () => {
    // 09:00 local is 07:00Z on that day (UTC+2 since 04:00 summer time).
    expect(spanOn(at('2026-10-25T07:00:00Z', '2026-10-25T07:30:00Z'), '2026-10-25', ZONE)).toEqual({ start: 540, end: 570 });
    // 03:30 summer time to 03:10 winter time: 40 real minutes, backwards on the clock; still visible.
    const repeated = spanOn(at('2026-10-25T00:30:00Z', '2026-10-25T01:10:00Z'), '2026-10-25', ZONE);
    expect(repeated).toEqual({ start: 210, end: 215 });
  });

  it('keeps an appointment to the days it touches, cut at midnight', () => {
    const late = at('2026-06-10T20:30:00Z', '2026-06-10T21:30:00Z'); // 23:30–00:30
    expect(spanOn(late, '2026-06-10', ZONE)).toEqual({ start: 1410, end: 1440 });
    expect(spanOn(late, '2026-06-11', ZONE)).toEqual({ start: 0, end: 30 });
    expect(spanOn(late, '2026-06-12', ZONE)).toBeUndefined();
    // Ending exactly at midnight: nothing on the next day.
    expect(spanOn(at('2026-06-10T20:30:00Z', '2026-06-10T21:00:00Z'), '2026-06-11', ZONE)).toBeUndefined();
  });

  it('clips a block to the axis window', () => {
    expect(blockBox({ start: 420, end: 540 }, { start: 480, end: 600 })).toEqual({ top: 0, height: 50 });
  });

  it('reads wall-clock date and minute in the zone', () => {
    expect(wallClock('2026-03-30T21:30:00Z', ZONE)).toEqual({ date: '2026-03-31', minute: 30 });
  });
});

describe('overlapping blocks', () => {
  const item = (id: string, start: number, end: number) => ({ item: id, span: { start, end } });
  const lanes = (laid: ReturnType<typeof layOut<string>>) => Object.fromEntries(laid.map((l) => [l.item, [l.lane, l.lanes]]));

  it('gives blocks that do not overlap the whole width', () => {
    expect(lanes(layOut([item('a', 540, 560), item('b', 560, 580)]))).toEqual({ a: [0, 1], b: [0, 1] });
  });

  it('puts overlapping blocks side by side, the cluster sharing one lane count', () => {
    const laid = layOut([item('c', 570, 600), item('a', 540, 600), item('b', 550, 570), item('d', 660, 680)]);
    expect(lanes(laid)).toEqual({ a: [0, 2], b: [1, 2], c: [1, 2], d: [0, 1] });
  });

  it('reuses a lane freed before the next block starts', () => {
    const laid = layOut([item('a', 540, 660), item('b', 540, 570), item('c', 580, 600), item('d', 545, 590)]);
    expect(lanes(laid)).toEqual({ a: [0, 3], b: [1, 3], d: [2, 3], c: [1, 3] });
  });
});

describe('the day’s frame', () => {
  const entry = (weekday: number, start_time: string, end_time: string, extra: Partial<ScheduleEntry> = {}) =>
    ({
      id: `${weekday}${start_time}`,
      weekday,
      start_time,
      end_time,
      slot_minutes: 30,
      valid_from: null,
      valid_to: null,
      ...extra,
    }) as ScheduleEntry;

  it('shades the schedule’s hours of the date’s weekday, inside their validity', () => {
    const entries = [
      entry(3, '14:00', '18:00'),
      entry(3, '08:00', '12:00'),
      entry(4, '08:00', '20:00'),
      entry(3, '19:00', '20:00', { valid_to: '2026-06-01' }),
    ];
    expect(workingSpans(entries, '2026-06-10')).toEqual([
      { start: 480, end: 720 },
      { start: 840, end: 1080 },
    ]);
  });

  it('finds the time off covering a date, both ends included', () => {
    const off = [{ id: 'x', doctor_id: 'd', start_date: '2026-06-10', end_date: '2026-06-12', reason: 'Congres' }] as TimeOff[];
    expect(timeOffOn(off, '2026-06-12')?.reason).toBe('Congres');
    expect(timeOffOn(off, '2026-06-13')).toBeUndefined();
  });

  it('shows whole hours around the working hours and blocks and one more each side, 08–18 when empty', () => {
    expect(
      axisWindow([
        { start: 510, end: 1000 },
        { start: 1100, end: 1130 },
      ]),
    ).toEqual({ start: 420, end: 1200 });
    expect(axisWindow([{ start: 20, end: 1430 }])).toEqual({ start: 0, end: 1440 });
    expect(axisWindow([])).toEqual({ start: 480, end: 1080 });
    expect(hourMarks({ start: 480, end: 660 })).toEqual([8, 9, 10]);
  });

  it('hides cancelled appointments unless asked for', () => {
    const list = [
      { id: 'a', status: 'CONFIRMED' },
      { id: 'b', status: 'CANCELLED' },
    ] as Appointment[];
    expect(visibleAppointments(list, false).map((a) => a.id)).toEqual(['a']);
    expect(visibleAppointments(list, true).map((a) => a.id)).toEqual(['a', 'b']);
  });
});

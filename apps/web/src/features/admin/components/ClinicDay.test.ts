import { describe, expect, it } from 'vitest';
import type { Appointment, Doctor, ScheduleEntry, TimeOff } from '../../../lib/types.ts';
import type { DoctorFrame } from '../../agenda/api/calendar.ts';
import { doctorColumns } from './ClinicDay.tsx';

const doctor = (id: string, full_name: string) => ({ id, full_name }) as Doctor;
const hours = (weekday: number) =>
  ({
    id: `e${weekday}`,
    weekday,
    start_time: '09:00',
    end_time: '13:00',
    slot_minutes: 30,
    valid_from: null,
    valid_to: null,
  }) as ScheduleEntry;
const frame = (entries: ScheduleEntry[], timeOff: TimeOff[] = []): DoctorFrame => ({ entries, timeOff });

describe('the clinic’s day', () => {
  // 2026-06-10 is a Wednesday (weekday 3).
  const date = '2026-06-10';
  const doctors = [doctor('z', 'Zamfir'), doctor('a', 'Albu'), doctor('m', 'Marin'), doctor('o', 'Oprea')];
  const frames = new Map([
    ['z', frame([hours(3)])],
    ['a', frame([hours(3)])],
    ['m', frame([hours(4)])],
    ['o', frame([hours(4)], [{ id: 't', doctor_id: 'o', start_date: date, end_date: date, reason: 'Congres' }])],
  ]);
  const appointments = [
    { id: 'x', doctor_id: 'a', start_time: '2026-06-10T06:00:00Z', end_time: '2026-06-10T06:30:00Z' },
    { id: 'y', doctor_id: 'a', start_time: '2026-06-11T06:00:00Z', end_time: '2026-06-11T06:30:00Z' },
  ] as Appointment[];

  it('has a column per doctor working that date or away on it, in name order, each with its own appointments of the date', () => {
    const columns = doctorColumns(doctors, frames, appointments, date);
    expect(columns.map((c) => [c.title, c.working, c.timeOff, c.appointments.map((a) => a.id)])).toEqual([
      ['Albu', [{ start: 540, end: 780 }], undefined, ['x']],
      ['Oprea', [], 'Congres', []],
      ['Zamfir', [{ start: 540, end: 780 }], undefined, []],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../../lib/types.ts';
import { agendaSpan, byDate } from './Agenda.tsx';

describe('the agenda', () => {
  it('covers one day, or the Monday-to-Sunday week around the date', () => {
    expect(agendaSpan('day', '2026-04-02')).toEqual({ from: '2026-04-02', days: 1 });
    expect(agendaSpan('week', '2026-04-02')).toEqual({ from: '2026-03-30', days: 7 });
  });

  it('groups appointments by their date in the clinic’s zone, in time order', () => {
    const at = (id: string, start_time: string) => ({ id, start_time }) as Appointment;
    const groups = byDate(
      [at('late', '2026-03-30T21:30:00Z'), at('b', '2026-03-30T08:00:00Z'), at('a', '2026-03-30T06:00:00Z')],
      'Europe/Bucharest',
    );
    expect(groups.map(([date, items]) => [date, items.map((a) => a.id)])).toEqual([
      ['2026-03-30', ['a', 'b']],
      ['2026-03-31', ['late']],
    ]);
  });
});

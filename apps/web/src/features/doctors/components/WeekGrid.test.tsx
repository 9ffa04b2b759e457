import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../lib/i18n.ts';
import { weekColumns } from '../../../lib/dates.ts';
import { WeekGrid } from './WeekGrid.tsx';

const days = [
  {
    date: '2026-03-30',
    slots: [
      { start: '2026-03-30T09:00:00+03:00', end: '2026-03-30T09:30:00+03:00' },
      { start: '2026-03-30T09:30:00+03:00', end: '2026-03-30T10:00:00+03:00' },
    ],
  },
  { date: '2026-03-31', slots: [], reason: 'FULLY_BOOKED' as const },
  { date: '2026-04-01', slots: [], reason: 'BEYOND_HORIZON' as const },
];

describe('WeekGrid', () => {
  it('labels each time with its full date and picks it from the keyboard alone', async () => {
    await i18n.changeLanguage('en');
    const onPick = vi.fn();
    render(
      <WeekGrid columns={weekColumns('2026-03-30', 3, days, '2026-03-30')} timeZone="Europe/Bucharest" horizonDays={90} onPick={onPick} />,
    );
    const times = screen.getAllByRole('button');
    expect(times.map((button) => button.textContent)).toEqual(['09:00', '09:30']);
    expect(times[1]!.getAttribute('aria-label')).toMatch(/^Book Monday,? 30 March 2026 at 09:30$/);
    const user = userEvent.setup();
    await user.tab();
    await user.tab();
    await user.keyboard('{Enter}');
    expect(onPick).toHaveBeenCalledWith(days[0]!.slots[1]);
  });

  it('says why a day has no free time, in the chosen language', async () => {
    await i18n.changeLanguage('ro');
    render(
      <WeekGrid
        columns={weekColumns('2026-03-30', 3, days, '2026-03-30')}
        timeZone="Europe/Bucharest"
        horizonDays={90}
        onPick={() => {}}
      />,
    );
    expect(screen.getByText('Complet ocupat')).toBeTruthy();
    expect(screen.getByText('Încă închis: programările se deschid cu 90 de zile înainte')).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(3);
  });

  it('offers to wait for a freed time on a fully booked day only, when waiting is offered', async () => {
    await i18n.changeLanguage('en');
    const onWait = vi.fn();
    render(
      <WeekGrid
        columns={weekColumns('2026-03-30', 3, days, '2026-03-30')}
        timeZone="Europe/Bucharest"
        horizonDays={90}
        onPick={() => {}}
        onWait={onWait}
      />,
    );
    const wait = screen.getAllByRole('button', { name: /^Tell me when a time frees up/ });
    expect(wait).toHaveLength(1);
    expect(wait[0]!.getAttribute('aria-label')).toMatch(/^Tell me when a time frees up on Tuesday,? 31 March 2026$/);
    await userEvent.setup().click(wait[0]!);
    expect(onWait).toHaveBeenCalledWith('2026-03-31');
  });
});

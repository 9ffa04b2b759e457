import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../lib/i18n.ts';
import type { Appointment } from '../../../lib/types.ts';
import { AppointmentActions } from './AppointmentActions.tsx';

const HOUR = 3_600_000;

const appointment = (startsIn: number, status: Appointment['status'] = 'PENDING'): Appointment => ({
  id: 'a1',
  patient_id: 'p1',
  doctor_id: 'd1',
  cabinet_id: 'c1',
  start_time: new Date(Date.now() + startsIn).toISOString(),
  end_time: new Date(Date.now() + startsIn + HOUR / 2).toISOString(),
  status,
  patient_name: 'Ana Pop',
  patient_email: 'ana@example.com',
  doctor_name: 'Dr. Ion',
  specialization_name: 'Cardiology',
  cabinet_name: 'C1',
  cabinet_location: 'East wing',
  cabinet_floor: 1,
  pdf_object_key: null,
});

/** The API as far as these actions ask it: the rules (a 12 h cut-off), and a cancellation recorded with its body. */
const sent: { url: string; body: unknown }[] = [];
beforeEach(() => {
  sent.length = 0;
  // The app sends JSON bodies as strings (lib/api.ts).
  vi.stubGlobal('fetch', async (url: string, init: RequestInit & { body?: string }) => {
    sent.push({ url, body: init.body ? (JSON.parse(init.body) as unknown) : undefined });
    if (url === '/api/appointments/rules') return new Response(JSON.stringify({ patient_change_cutoff_hours: 12 }), { status: 200 });
    return new Response(JSON.stringify({ ...appointment(HOUR), status: 'CANCELLED' }), { status: 200 });
  });
});
afterEach(() => vi.unstubAllGlobals());

function show(props: Omit<React.ComponentProps<typeof AppointmentActions>, 'timeZone'>) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AppointmentActions timeZone="Europe/Bucharest" {...props} />
    </QueryClientProvider>,
  );
}

describe('AppointmentActions and the change cut-off', () => {
  it('tells a patient inside the cut-off why the appointment cannot be changed, and offers no change', async () => {
    await i18n.changeLanguage('en');
    show({ appointment: appointment(2 * HOUR), can: { cancel: true, reschedule: true } });
    expect(await screen.findByText(/^Changes online close 12 h before the start/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel appointment' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reschedule' })).toBeNull();
  });

  it('offers a patient both changes before the cut-off', async () => {
    await i18n.changeLanguage('en');
    show({ appointment: appointment(13 * HOUR), can: { cancel: true, reschedule: true } });
    await screen.findByRole('button', { name: 'Cancel appointment' });
    expect(screen.getByRole('button', { name: 'Reschedule' })).toBeTruthy();
    expect(screen.queryByText(/Changes online close/)).toBeNull();
  });

  it('says a started appointment can no longer be changed online', async () => {
    await i18n.changeLanguage('ro');
    show({ appointment: appointment(-HOUR / 6, 'CONFIRMED'), can: { cancel: true } });
    expect(await screen.findByText('Programarea a început, așa că nu mai poate fi schimbată online. Sună la clinică.')).toBeTruthy();
  });

  it('lets staff cancel inside the cut-off only with a reason, sent as `reason`', async () => {
    await i18n.changeLanguage('en');
    show({ appointment: appointment(2 * HOUR), can: { cancel: true }, staff: true });
    await screen.findByText(/^Less than 12 h before the start/);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Cancel appointment' }));
    await user.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    expect(screen.getByText('Required.')).toBeTruthy();
    expect(sent.filter((request) => request.url.endsWith('/cancel'))).toEqual([]);
    await user.type(screen.getByLabelText('Reason (required)'), 'The doctor is ill');
    await user.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    await vi.waitFor(() =>
      expect(sent.filter((request) => request.url.endsWith('/cancel'))).toEqual([
        { url: '/api/appointments/a1/cancel', body: { reason: 'The doctor is ill' } },
      ]),
    );
  });

  it('tells its page once a patient’s cancellation went through (the page then says so), not before', async () => {
    await i18n.changeLanguage('en');
    const onCancelled = vi.fn();
    const shown = appointment(13 * HOUR);
    show({ appointment: shown, can: { cancel: true }, onCancelled });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancel appointment' }));
    expect(onCancelled).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    await vi.waitFor(() => expect(onCancelled).toHaveBeenCalledWith(shown));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../lib/i18n.ts';
import { AccountActions } from './AccountActions.tsx';

const auth = {
  isAuthenticated: true,
  user: { profile: { email: 'ana@example.com' } },
  signinSilent: vi.fn(() => Promise.resolve()),
  signinRedirect: vi.fn((_args?: unknown) => Promise.resolve()),
  removeUser: vi.fn(() => Promise.resolve()),
};
vi.mock('react-oidc-context', () => ({ useAuth: () => auth }));

const sent: { url: string; method: string }[] = [];
const createObjectURL = vi.fn((_blob: Blob) => 'blob:export');
beforeEach(async () => {
  await i18n.changeLanguage('en');
  sent.length = 0;
  vi.clearAllMocks();
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method ?? 'GET' });
    if (url === '/api/users/me/export') return new Response(JSON.stringify({ exported_at: '2026-12-06T10:00:00.000Z', profile: {} }));
    return new Response(null, { status: 204 });
  });
  // jsdom has no object URLs nor navigation.
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = vi.fn();
  vi.stubGlobal('location', { ...window.location, assign: vi.fn() });
});
afterEach(() => vi.unstubAllGlobals());

const show = (patient = true) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <AccountActions email="ana@example.com" patient={patient} />
    </QueryClientProvider>,
  );

describe('AccountActions', () => {
  it('deletes the account only once its email address is typed, then forgets the session', async () => {
    show();
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account' }));
    const confirm = screen.getByRole('button', { name: 'Delete my account for good' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByLabelText('Type your email address (ana@example.com) to confirm'), 'someone@else.com');
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await userEvent.clear(screen.getByLabelText(/^Type your email address/));
    await userEvent.type(screen.getByLabelText(/^Type your email address/), 'Ana@Example.com');
    await userEvent.click(confirm);
    await vi.waitFor(() => expect(auth.removeUser).toHaveBeenCalled());
    expect(sent).toEqual([{ url: '/api/users/me', method: 'DELETE' }]);
  });

  it('downloads the data as a JSON file', async () => {
    show();
    await userEvent.click(screen.getByRole('button', { name: 'Download my data' }));
    expect(await screen.findByText('Your data was downloaded.')).toBeTruthy();
    expect(sent).toEqual([{ url: '/api/users/me/export', method: 'GET' }]);
    expect(createObjectURL).toHaveBeenCalled();
  });

  it('sends the user to Keycloak’s update-email action in the app’s language', async () => {
    show(false);
    expect(screen.queryByRole('button', { name: 'Delete my account' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Change email address' }));
    await vi.waitFor(() => expect(auth.signinRedirect).toHaveBeenCalled());
    expect(auth.signinRedirect.mock.calls[0]![0]).toMatchObject({ ui_locales: 'en', extraQueryParams: { kc_action: 'UPDATE_EMAIL' } });
  });
});

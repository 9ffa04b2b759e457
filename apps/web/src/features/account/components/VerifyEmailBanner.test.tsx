import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../lib/i18n.ts';
import { VerifyEmailBanner } from './VerifyEmailBanner.tsx';

const auth = {
  isAuthenticated: true,
  user: { profile: { email: 'ana@example.com', email_verified: false as boolean } },
  signinSilent: vi.fn(() => Promise.resolve()),
};
vi.mock('react-oidc-context', () => ({ useAuth: () => auth }));

let answer: { status: number; body?: unknown };
const sent: { url: string; method: string }[] = [];
beforeEach(async () => {
  await i18n.changeLanguage('en');
  sent.length = 0;
  auth.user.profile.email_verified = false;
  auth.signinSilent.mockClear();
  answer = { status: 202 };
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method ?? 'GET' });
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
  });
});
afterEach(() => vi.unstubAllGlobals());

const show = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <VerifyEmailBanner />
    </QueryClientProvider>,
  );

describe('VerifyEmailBanner', () => {
  it('asks a user whose email is not verified to follow the link, and sends it again on request', async () => {
    show();
    expect(screen.getByText(/^Confirm your email address ana@example\.com/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Send the email again' }));
    expect(await screen.findByText('We sent you a new email. Check your spam folder too.')).toBeTruthy();
    expect(sent).toEqual([{ url: '/api/users/me/verification-email', method: 'POST' }]);
  });

  it('shows nothing once the email is verified', () => {
    auth.user.profile.email_verified = true;
    const { container } = show();
    expect(container.textContent).toBe('');
  });

  it('renews the tokens when the address was verified meanwhile (409 EMAIL_ALREADY_VERIFIED)', async () => {
    answer = { status: 409, body: { error: { code: 'EMAIL_ALREADY_VERIFIED', message: 'verified' } } };
    show();
    await userEvent.click(screen.getByRole('button', { name: 'Send the email again' }));
    expect(await screen.findByText('Your email address is confirmed already.')).toBeTruthy();
    expect(auth.signinSilent).toHaveBeenCalled();
  });
});

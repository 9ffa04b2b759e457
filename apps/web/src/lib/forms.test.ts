import { describe, expect, it } from 'vitest';
import { profileProblems, registrationProblems, scheduleProblems, timeOffProblems } from './forms.ts';
import type { PasswordPolicy } from './types.ts';

const POLICY: PasswordPolicy = {
  min_length: 12,
  max_length: 128,
  upper_case: 1,
  lower_case: 1,
  digits: 1,
  special_chars: 0,
  not_username: true,
  not_email: true,
};

describe('registration form', () => {
  it('accepts a complete registration, the phone being optional', () => {
    expect(registrationProblems({ full_name: 'Ana Pop', email: 'ana@example.com', password: 'Sup3r-secret', phone: '' }, POLICY)).toEqual(
      {},
    );
    expect(
      registrationProblems({ full_name: 'Ana Pop', email: 'ana@example.com', password: 'Sup3r-secret', phone: '+40 721 000 000' }, POLICY),
    ).toEqual({});
  });

  it('names each field that the API would refuse, the password by the realm’s policy', () => {
    expect(registrationProblems({ full_name: '  ', email: 'ana@', password: 'short', phone: 'call me' }, POLICY)).toEqual({
      full_name: 'forms.required',
      email: 'forms.email',
      password: 'forms.passwordPolicy',
      phone: 'forms.phone',
    });
  });

  it('wants only some password while the policy is not known yet (Keycloak judges it anyway)', () => {
    const form = { full_name: 'Ana Pop', email: 'ana@example.com', password: 'short', phone: '' };
    expect(registrationProblems(form, undefined)).toEqual({});
    expect(registrationProblems({ ...form, password: '' }, undefined)).toEqual({ password: 'forms.required' });
  });
});

describe('profile form', () => {
  it('needs a name and takes a phone of digits only when given', () => {
    expect(profileProblems({ full_name: 'Ana', phone: '' })).toEqual({});
    expect(profileProblems({ full_name: '', phone: '12' })).toEqual({ full_name: 'forms.required', phone: 'forms.phone' });
  });
});

describe('time off form', () => {
  it('refuses an end before the start and a missing reason', () => {
    expect(timeOffProblems({ start_date: '2026-05-01', end_date: '2026-05-01', reason: 'holiday' })).toEqual({});
    expect(timeOffProblems({ start_date: '2026-05-02', end_date: '2026-05-01', reason: ' ' })).toEqual({
      end_date: 'forms.endBeforeStart',
      reason: 'forms.required',
    });
  });
});

describe('schedule form', () => {
  it('needs the slot length to divide the working time', () => {
    expect(scheduleProblems({ start_time: '09:00', end_time: '13:00', slot_minutes: '30' })).toEqual({});
    expect(scheduleProblems({ start_time: '09:00', end_time: '10:00', slot_minutes: '25' })).toEqual({ slot_minutes: 'forms.slotDivides' });
    expect(scheduleProblems({ start_time: '10:00', end_time: '09:00', slot_minutes: '30' })).toEqual({ end_time: 'forms.endBeforeStart' });
    expect(scheduleProblems({ start_time: '09:00', end_time: '10:00', slot_minutes: '2' })).toEqual({ slot_minutes: 'forms.slotMinutes' });
  });
});

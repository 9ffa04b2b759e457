import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { UserProfile } from '../../../lib/types.ts';

export interface Registration {
  full_name: string;
  email: string;
  password: string;
  phone?: string;
  /** The language chosen in the app before registering: the account's emails and Keycloak's pages follow it. */
  language: 'ro' | 'en';
}

export const useRegister = () =>
  useMutation({ mutationFn: (registration: Registration) => api<UserProfile>('/users/register', { method: 'POST', body: registration }) });

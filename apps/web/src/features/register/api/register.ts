import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { UserProfile } from '../../../lib/types.ts';

export interface Registration {
  full_name: string;
  email: string;
  password: string;
  phone?: string;
}

export const useRegister = () =>
  useMutation({ mutationFn: (registration: Registration) => api<UserProfile>('/users/register', { method: 'POST', body: registration }) });

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from 'react-oidc-context';
import { api } from '../../../lib/api.ts';
import type { UserProfile } from '../../../lib/types.ts';

export function useMe() {
  const auth = useAuth();
  return useQuery({
    queryKey: ['me', auth.user?.profile.sub],
    queryFn: () => api<UserProfile>('/users/me'),
    enabled: auth.isAuthenticated,
    staleTime: 60_000,
  });
}

export interface ProfileChange {
  full_name?: string;
  phone?: string | null;
  language?: 'ro' | 'en';
}

export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: ProfileChange) => api<UserProfile>('/users/me', { method: 'PUT', body: change }),
    onSuccess: (profile) => client.setQueriesData({ queryKey: ['me'] }, profile),
  });
}

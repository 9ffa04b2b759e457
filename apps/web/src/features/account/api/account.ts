import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { PasswordPolicy } from '../../../lib/types.ts';

/** The realm's password policy (anonymous); it changes rarely. */
export const usePasswordPolicy = () =>
  useQuery({ queryKey: ['password-policy'], queryFn: () => api<PasswordPolicy>('/users/password-policy'), staleTime: 3_600_000 });

/** Keycloak emails the link that verifies the caller's address again. */
export const useResendVerification = () => useMutation({ mutationFn: () => api<void>('/users/me/verification-email', { method: 'POST' }) });

/** Everything the platform keeps about the caller, saved by the browser as a JSON file. */
export const useExportMyData = () =>
  useMutation({
    mutationFn: async () => {
      const data = await api<{ exported_at?: string }>('/users/me/export');
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      try {
        const link = document.createElement('a');
        link.href = url;
        link.download = `clinic-my-data-${(data.exported_at ?? new Date().toISOString()).slice(0, 10)}.json`;
        document.body.append(link);
        link.click();
        link.remove();
      } finally {
        // After the click has handed the file to the browser.
        setTimeout(() => URL.revokeObjectURL(url), 0);
      }
    },
  });

export const useDeleteMyAccount = () => useMutation({ mutationFn: () => api<void>('/users/me', { method: 'DELETE' }) });

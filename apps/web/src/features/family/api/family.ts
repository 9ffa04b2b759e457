import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { FamilyMember, FamilyRelation } from '../../../lib/types.ts';

export interface FamilyMemberInput {
  full_name: string;
  birth_date: string;
  relation: FamilyRelation;
}

/** The family of the caller (`userId` undefined), or of a patient the front desk books for. */
export function useFamily(userId?: string, enabled = true) {
  const path = userId ? `/users/${userId}/family-members` : '/users/me/family-members';
  return useQuery({
    queryKey: ['family', userId ?? 'me'],
    queryFn: async () => (await api<{ items: FamilyMember[] }>(path)).items,
    enabled,
  });
}

function useFamilyChange<T>(change: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSettled: () => void client.invalidateQueries({ queryKey: ['family'] }),
  });
}

export const useAddFamilyMember = () =>
  useFamilyChange((input: FamilyMemberInput) => api<FamilyMember>('/users/me/family-members', { method: 'POST', body: input }));

export const useUpdateFamilyMember = () =>
  useFamilyChange(({ id, ...input }: FamilyMemberInput & { id: string }) =>
    api<FamilyMember>(`/users/me/family-members/${id}`, { method: 'PATCH', body: input }),
  );

export const useRemoveFamilyMember = () =>
  useFamilyChange((id: string) => api<void>(`/users/me/family-members/${id}`, { method: 'DELETE' }));

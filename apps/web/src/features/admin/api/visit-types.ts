import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { VisitType } from '../../../lib/types.ts';

/** Whose visit types the admin keeps: a specialization's defaults or a doctor's own. */
export interface VisitTypeOwner {
  kind: 'specializations' | 'doctors';
  id: string;
}

const ownerKey = (owner: VisitTypeOwner) => ['visit-types', 'admin', owner.kind, owner.id];

/** The owner's visit types, archived ones too (a doctor's: their own only). */
export const useOwnVisitTypes = (owner: VisitTypeOwner | undefined) =>
  useQuery({
    queryKey: owner ? ownerKey(owner) : ['visit-types', 'admin', 'none'],
    queryFn: () => api<{ items: VisitType[] }>(`/${owner!.kind}/${owner!.id}/visit-types?include_archived=true`),
    enabled: owner !== undefined,
  });

export function useVisitTypeChanges() {
  const client = useQueryClient();
  const onSuccess = () => void client.invalidateQueries({ queryKey: ['visit-types'] });
  return {
    create: useMutation({
      mutationFn: ({ owner, body }: { owner: VisitTypeOwner; body: Record<string, unknown> }) =>
        api<VisitType>(`/${owner.kind}/${owner.id}/visit-types`, { method: 'POST', body }),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) =>
        api<VisitType>(`/visit-types/${id}`, { method: 'PUT', body }),
      onSuccess,
    }),
  };
}

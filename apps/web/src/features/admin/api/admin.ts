import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages, api, query, type Page } from '../../../lib/api.ts';
import type { Doctor, Role, UserProfile } from '../../../lib/types.ts';

/** Every user of a role (the doctor form's choice of user). */
export const useUsers = (role?: Role) =>
  useQuery({ queryKey: ['users', role ?? 'all'], queryFn: () => allPages<UserProfile>('/users', { role }) });

export interface UserSearch {
  /** Part of a name or email, any case. */
  q: string;
  role?: Role;
  limit: number;
  offset: number;
}

/** One page of the users matching a search, searched and paged by user-service. */
export const useUserSearch = (search: UserSearch) =>
  useQuery({
    queryKey: ['users', 'search', search],
    queryFn: () =>
      api<Page<UserProfile>>(`/users${query({ q: search.q.trim(), role: search.role, limit: search.limit, offset: search.offset })}`),
    placeholderData: keepPreviousData,
  });

function useChange<T, R = unknown>(request: (value: T) => Promise<R>, invalidate: string[][]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => invalidate.forEach((queryKey) => void client.invalidateQueries({ queryKey })),
  });
}

export const useChangeRole = () =>
  useChange(
    ({ id, role }: { id: string; role: Role }) => api<UserProfile>(`/users/${id}/role`, { method: 'PUT', body: { role } }),
    [['users']],
  );

export const useDeleteUser = () => useChange((id: string) => api(`/users/${id}`, { method: 'DELETE' }), [['users']]);

/** Specializations and cabinets: the same create / change / delete on two paths. */
export function useCatalogChanges(path: '/specializations' | '/cabinets') {
  const key = [path.slice(1)];
  return {
    create: useChange((body: Record<string, unknown>) => api(path, { method: 'POST', body }), [key]),
    update: useChange(
      ({ id, body }: { id: string; body: Record<string, unknown> }) => api(`${path}/${id}`, { method: 'PUT', body }),
      [key, ['doctors']],
    ),
    remove: useChange((id: string) => api(`${path}/${id}`, { method: 'DELETE' }), [key]),
  };
}

export interface DoctorDetails {
  specialization_id: string;
  cabinet_id: string;
  bio: string | null;
  years_experience: number | null;
}

export const useAllDoctors = () => useQuery({ queryKey: ['doctors', 'admin'], queryFn: () => allPages<Doctor>('/doctors') });

export const useCreateDoctor = () =>
  useChange((body: DoctorDetails & { user_id: string }) => api<Doctor>('/doctors', { method: 'POST', body }), [['doctors'], ['users']]);

export const useUpdateDoctor = () =>
  useChange(
    ({ id, body }: { id: string; body: Partial<DoctorDetails> }) => api<Doctor>(`/doctors/${id}`, { method: 'PUT', body }),
    [['doctors']],
  );

export const useDeleteDoctor = () => useChange((id: string) => api(`/doctors/${id}`, { method: 'DELETE' }), [['doctors'], ['users']]);

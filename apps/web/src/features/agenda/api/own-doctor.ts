import { useQuery } from '@tanstack/react-query';
import type { Doctor } from '../../../lib/types.ts';
import { useMe } from '../../auth/api/me.ts';
import { allPages } from '../../../lib/api.ts';

/** The doctor record of the logged-in doctor (doctor-service knows doctors by their user id). */
export function useOwnDoctor() {
  const me = useMe();
  const userId = me.data?.id;
  return useQuery({
    queryKey: ['own-doctor', userId],
    queryFn: async () => (await allPages<Doctor>('/doctors')).find((doctor) => doctor.user_id === userId) ?? null,
    enabled: Boolean(userId),
  });
}

import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../../lib/api.ts';
import type { NotificationItem } from '../../../lib/types.ts';

/**
 * The caller's notifications; a platform without notification-service (the route is not there) has
 * none to show, which is not an error for the user.
 */
export function useMyNotifications() {
  return useQuery({
    queryKey: ['notifications', 'my'],
    queryFn: async () => {
      try {
        const answer = await api<NotificationItem[] | { items: NotificationItem[] }>('/notifications/my');
        return Array.isArray(answer) ? answer : (answer?.items ?? []);
      } catch (error) {
        if (error instanceof ApiError && (error.code === 'ROUTE_NOT_FOUND' || error.status === 503)) return [];
        throw error;
      }
    },
  });
}

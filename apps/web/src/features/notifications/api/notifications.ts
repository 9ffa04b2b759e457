import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ApiError, query, type Page } from '../../../lib/api.ts';
import type { NotificationItem } from '../../../lib/types.ts';

/**
 * One page of the caller's notifications, newest first; a platform without notification-service (the
 * route is not there) has none to show, which is not an error for the user.
 */
export function useMyNotifications(page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: ['notifications', 'my', page],
    queryFn: async (): Promise<Page<NotificationItem>> => {
      try {
        return await api<Page<NotificationItem>>(`/notifications/my${query(page)}`);
      } catch (error) {
        if (error instanceof ApiError && (error.code === 'ROUTE_NOT_FOUND' || error.status === 503)) {
          return { items: [], total: 0, ...page };
        }
        throw error;
      }
    },
    placeholderData: keepPreviousData,
  });
}

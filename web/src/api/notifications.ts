// Notifications to the user's jurisdiction (or below it): list with the unread count, mark read.
import { api } from './client';

export interface NotificationItem {
  id: number; kind: string; recipientJurisdiction: string; titleKey: string; bodyKey: string; params: Record<string, string | number>;
  /** Rendered by the server in the request's language. */
  title: string; body: string; link: string | null; createdAt: string; readAt: string | null;
}

export const listNotifications = (options: { unread?: boolean; limit?: number } = {}) =>
  api.get<{ items: NotificationItem[]; unread: number }>('/api/notifications', { query: { unread: options.unread ? 'true' : undefined, limit: options.limit } });
export const markNotificationRead = (id: number) => api.post<{ marked: number }>(`/api/notifications/${id}/read`);
export const markAllNotificationsRead = () => api.post<{ marked: number }>('/api/notifications/read-all');

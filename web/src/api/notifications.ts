// Notifications to the user's jurisdiction (or below it): list with the unread count, mark read.
import { api } from './client';
import type { ItemOf, ResponseOf } from './schema';

type NotificationList = ResponseOf<'/api/notifications'>;
/** `title` and `body` are rendered by the server in the request's language. */
export type NotificationItem = ItemOf<NotificationList>;

export const listNotifications = (options: { unread?: boolean; limit?: number } = {}) =>
  api.get<NotificationList>('/api/notifications', { query: { unread: options.unread ? 'true' : undefined, limit: options.limit } });
export const markNotificationRead = (id: number) => api.post<ResponseOf<'/api/notifications/{id}/read', 'post'>>(`/api/notifications/${id}/read`);
export const markAllNotificationsRead = () => api.post<ResponseOf<'/api/notifications/read-all', 'post'>>('/api/notifications/read-all');

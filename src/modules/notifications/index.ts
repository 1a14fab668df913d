// Notifications: messages to a jurisdiction (its users and those above it), for any module; audited.

export { notificationsMessages } from './errors.ts';
export * from './schema.ts';
export type { NewNotification, NotificationItem } from './service.ts';
export { listNotifications, markNotificationsRead, notify } from './service.ts';

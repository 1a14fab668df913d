// Notifications: messages to a jurisdiction (its users and those above it), for any module; audited.
export * from './schema.ts';
export { notificationsMessages } from './errors.ts';
export { notify, listNotifications, markNotificationsRead } from './service.ts';
export type { NewNotification, NotificationItem } from './service.ts';

export { NotificationService, type Notice } from './notification.service';
export { NotificationDispatcher } from './dispatcher';
export { registerNotificationRoutes } from './notifications.routes';

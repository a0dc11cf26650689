export { NotificationService, type Notice } from './notification.service';
export { NotificationDispatcher, type NotificationDispatcherOptions } from './dispatcher';
export { NotificationHub } from './hub';
export { registerNotificationRoutes } from './notifications.routes';
export { fanOut, announceInboxChange, INBOX_CHANNEL, type FanOutInput, type FanOutResult } from './fanout';
export { dueTime, inQuietHours, type Rules, type QuietHours } from './rules';
export { webhookSignature } from './senders';

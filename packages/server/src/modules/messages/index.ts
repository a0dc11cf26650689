export { MessageService, type Recipients, type SendResult } from './message.service';
export { InboxService } from './inbox.service';
export { registerInboxRoutes } from './inbox.routes';

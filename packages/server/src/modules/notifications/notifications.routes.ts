import {
  corpNotificationSettingsSchema,
  deliveryPage,
  deliveryQuery,
  notificationPreferencesSchema,
  notificationPreferencesView,
  okResponse,
  webhookCreate,
  webhookList,
  webhookParams,
  webhookSchema,
  webhookUpdate,
  webhookWithSecret,
} from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { adminAccess, memberAccess } from '../../platform/http/access';
import { actorContext, requirePrincipal } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import { AppError } from '../../platform/kernel/app-error';
import type { NotificationService } from './notification.service';
import { endStreamsOnClose, StreamRegistry } from './stream';

const portalTags = ['portal'];
const adminTags = ['notifications'];

/** Members' own rules and live stream (portal), and the corp's notification settings, webhooks and deliveries (admins). */
export function registerNotificationRoutes(app: HttpApp, deps: { db: Kysely<DB>; notifications: NotificationService }): void {
  const { db, notifications } = deps;
  const member = { access: memberAccess };
  const manage = { access: adminAccess('corp.manage') };
  const streams = new StreamRegistry(db, notifications);
  endStreamsOnClose(app, streams, notifications);

  app.get('/api/v1/portal/notifications/preferences', { config: member, schema: { tags: portalTags, response: { 200: notificationPreferencesView } } }, async (request) => {
    const { corpId, memberId } = requirePrincipal(request);
    return notifications.settings.preferences(db, corpId, memberId);
  });

  app.put('/api/v1/portal/notifications/preferences', { config: member, schema: { tags: portalTags, body: notificationPreferencesSchema, response: { 200: notificationPreferencesView } } }, async (request) => {
    const { corpId, memberId } = requirePrincipal(request);
    await db.transaction().execute((trx) => notifications.settings.updatePreferences(trx, corpId, memberId, request.body, actorContext(request)));
    return notifications.settings.preferences(db, corpId, memberId);
  });

  // An EventSource sends Accept: text/event-stream; anything else gets an error instead of a stream that never ends.
  app.get('/api/v1/portal/notifications/stream', { config: member, schema: { tags: portalTags } }, async (request, reply) => {
    if (!(request.headers.accept ?? '').includes('text/event-stream')) throw new AppError('notifications.stream_not_acceptable');
    const { corpId, memberId } = requirePrincipal(request);
    await streams.serve(reply, corpId, memberId);
  });

  app.get('/api/v1/notifications/settings', { config: manage, schema: { tags: adminTags, response: { 200: corpNotificationSettingsSchema } } }, async (request) => notifications.settings.settings(db, requirePrincipal(request).corpId));

  app.put('/api/v1/notifications/settings', { config: manage, schema: { tags: adminTags, body: corpNotificationSettingsSchema, response: { 200: corpNotificationSettingsSchema } } }, async (request) => {
    const { corpId } = requirePrincipal(request);
    await db.transaction().execute((trx) => notifications.settings.updateSettings(trx, corpId, request.body, actorContext(request)));
    return notifications.settings.settings(db, corpId);
  });

  app.get('/api/v1/notifications/webhooks', { config: manage, schema: { tags: adminTags, response: { 200: webhookList } } }, async (request) => ({ items: await notifications.settings.webhooks(db, requirePrincipal(request).corpId) }));

  app.post('/api/v1/notifications/webhooks', { config: manage, schema: { tags: adminTags, body: webhookCreate, response: { 200: webhookWithSecret } } }, async (request) => {
    const { corpId } = requirePrincipal(request);
    return db.transaction().execute((trx) => notifications.settings.createWebhook(trx, corpId, request.body, actorContext(request)));
  });

  app.patch('/api/v1/notifications/webhooks/:id', { config: manage, schema: { tags: adminTags, params: webhookParams, body: webhookUpdate, response: { 200: webhookSchema } } }, async (request) => {
    const { corpId } = requirePrincipal(request);
    return db.transaction().execute((trx) => notifications.settings.updateWebhook(trx, corpId, request.params.id, request.body, actorContext(request)));
  });

  app.post('/api/v1/notifications/webhooks/:id/secret', { config: manage, schema: { tags: adminTags, params: webhookParams, response: { 200: webhookWithSecret } } }, async (request) => {
    const { corpId } = requirePrincipal(request);
    return db.transaction().execute((trx) => notifications.settings.rotateWebhookSecret(trx, corpId, request.params.id, actorContext(request)));
  });

  app.delete('/api/v1/notifications/webhooks/:id', { config: manage, schema: { tags: adminTags, params: webhookParams, response: { 200: okResponse } } }, async (request) => {
    const { corpId } = requirePrincipal(request);
    await db.transaction().execute((trx) => notifications.settings.deleteWebhook(trx, corpId, request.params.id, actorContext(request)));
    return { ok: true as const };
  });

  app.get('/api/v1/notifications/deliveries', { config: manage, schema: { tags: adminTags, querystring: deliveryQuery, response: { 200: deliveryPage } } }, async (request) => notifications.settings.deliveries(db, requirePrincipal(request).corpId, request.query));
}

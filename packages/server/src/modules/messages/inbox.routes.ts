import { inboxItemParams, inboxPage, inboxQuery, okResponse, unreadCount } from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { memberAccess } from '../../platform/http/access';
import { requirePrincipal } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import type { InboxService } from './inbox.service';

const tags = ['portal'];

/** The signed-in member's own inbox in the portal; nobody else's is reachable. */
export function registerInboxRoutes(app: HttpApp, deps: { db: Kysely<DB>; inbox: InboxService }): void {
  const { db, inbox } = deps;
  const member = { access: memberAccess };

  app.get('/api/v1/portal/inbox', { config: member, schema: { tags, querystring: inboxQuery, response: { 200: inboxPage } } }, async (request) =>
    inbox.page(db, requirePrincipal(request).memberId, { page: request.query.page, pageSize: request.query.pageSize, unreadOnly: request.query.unread }),
  );

  app.get('/api/v1/portal/inbox/unread-count', { config: member, schema: { tags, response: { 200: unreadCount } } }, async (request) => ({ unread: await inbox.unread(db, requirePrincipal(request).memberId) }));

  app.post('/api/v1/portal/inbox/:id/read', { config: member, schema: { tags, params: inboxItemParams, response: { 200: okResponse } } }, async (request) => {
    await inbox.markRead(db, requirePrincipal(request).memberId, request.params.id);
    return { ok: true as const };
  });

  app.post('/api/v1/portal/inbox/read-all', { config: member, schema: { tags, response: { 200: okResponse } } }, async (request) => {
    await inbox.markAllRead(db, requirePrincipal(request).memberId);
    return { ok: true as const };
  });
}

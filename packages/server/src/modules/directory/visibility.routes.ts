import {
  externalContactCheck,
  externalContactCheckQuery,
  externalContactRequest,
  externalContactSchema,
  hiddenEntryList,
  hiddenEntryRequest,
  hiddenEntrySchema,
  okResponse,
  visibilityIdParams,
  visibilityPreviewQuery,
  visibilityPreviewSchema,
  visibilityRuleList,
  visibilityRuleRequest,
  visibilityRuleSchema,
} from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { adminAccess } from '../../platform/http/access';
import { actorContext, requirePrincipal } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import type { ExternalContactPermissionService } from './external-contact.service';
import type { VisibilityService } from './visibility.service';

const tags = ['access'];
const view = { access: adminAccess('access.view') };
const manage = { access: adminAccess('access.manage') };

/** Member visibility (rules, hidden entries, preview) and the external-contact permission, under /access. */
export function registerVisibilityRoutes(app: HttpApp, deps: { db: Kysely<DB>; visibility: VisibilityService; externalContacts: ExternalContactPermissionService }): void {
  const { db, visibility, externalContacts } = deps;
  const corpOf = (request: Parameters<typeof requirePrincipal>[0]) => requirePrincipal(request).corpId;

  app.get('/api/v1/access/visibility/rules', { config: view, schema: { tags, response: { 200: visibilityRuleList } } }, async (request) => ({ items: await visibility.listRules(db, corpOf(request)) }));

  app.get('/api/v1/access/visibility/rules/:id', { config: view, schema: { tags, params: visibilityIdParams, response: { 200: visibilityRuleSchema } } }, async (request) =>
    visibility.getRule(db, corpOf(request), request.params.id),
  );

  app.post('/api/v1/access/visibility/rules', { config: manage, schema: { tags, body: visibilityRuleRequest, response: { 200: visibilityRuleSchema } } }, async (request) => {
    const corpId = corpOf(request);
    return db.transaction().execute((trx) => visibility.createRule(trx, corpId, request.body, actorContext(request)));
  });

  app.put('/api/v1/access/visibility/rules/:id', { config: manage, schema: { tags, params: visibilityIdParams, body: visibilityRuleRequest, response: { 200: visibilityRuleSchema } } }, async (request) => {
    const corpId = corpOf(request);
    return db.transaction().execute((trx) => visibility.updateRule(trx, corpId, request.params.id, request.body, actorContext(request)));
  });

  app.delete('/api/v1/access/visibility/rules/:id', { config: manage, schema: { tags, params: visibilityIdParams, response: { 200: okResponse } } }, async (request) => {
    const corpId = corpOf(request);
    await db.transaction().execute((trx) => visibility.deleteRule(trx, corpId, request.params.id, actorContext(request)));
    return { ok: true as const };
  });

  app.get('/api/v1/access/visibility/hidden', { config: view, schema: { tags, response: { 200: hiddenEntryList } } }, async (request) => ({ items: await visibility.listHidden(db, corpOf(request)) }));

  app.post('/api/v1/access/visibility/hidden', { config: manage, schema: { tags, body: hiddenEntryRequest, response: { 200: hiddenEntrySchema } } }, async (request) => {
    const corpId = corpOf(request);
    return db.transaction().execute((trx) => visibility.createHidden(trx, corpId, request.body, actorContext(request)));
  });

  app.put('/api/v1/access/visibility/hidden/:id', { config: manage, schema: { tags, params: visibilityIdParams, body: hiddenEntryRequest, response: { 200: hiddenEntrySchema } } }, async (request) => {
    const corpId = corpOf(request);
    return db.transaction().execute((trx) => visibility.updateHidden(trx, corpId, request.params.id, request.body, actorContext(request)));
  });

  app.delete('/api/v1/access/visibility/hidden/:id', { config: manage, schema: { tags, params: visibilityIdParams, response: { 200: okResponse } } }, async (request) => {
    const corpId = corpOf(request);
    await db.transaction().execute((trx) => visibility.deleteHidden(trx, corpId, request.params.id, actorContext(request)));
    return { ok: true as const };
  });

  app.get('/api/v1/access/visibility/preview', { config: view, schema: { tags, querystring: visibilityPreviewQuery, response: { 200: visibilityPreviewSchema } } }, async (request) =>
    visibility.preview(db, corpOf(request), request.query.userid, request.query),
  );

  app.get('/api/v1/access/external-contacts', { config: view, schema: { tags, response: { 200: externalContactSchema } } }, async (request) => externalContacts.get(db, corpOf(request)));

  app.put('/api/v1/access/external-contacts', { config: manage, schema: { tags, body: externalContactRequest, response: { 200: externalContactSchema } } }, async (request) => {
    const corpId = corpOf(request);
    return db.transaction().execute((trx) => externalContacts.update(trx, corpId, request.body, actorContext(request)));
  });

  app.get('/api/v1/access/external-contacts/check', { config: view, schema: { tags, querystring: externalContactCheckQuery, response: { 200: externalContactCheck } } }, async (request) =>
    externalContacts.check(db, corpOf(request), request.query.userid),
  );
}

import { okResponse, tagCreateRequest, tagDetail, tagIdParams, tagList, tagMembersRequest, tagSchema, tagUpdateRequest } from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db';
import { adminAccess } from '../../platform/http/access';
import { actorContext } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import { requestScope } from './directory-scope';
import type { TagService } from './tag.service';

const tags = ['directory'];
const membershipResult = z.object({ invalidUserids: z.array(z.string()), invalidDepartmentIds: z.array(z.number().int()) });

/** Tags and their members and departments. */
export function registerTagRoutes(app: HttpApp, deps: { db: Kysely<DB>; tags: TagService }): void {
  const { db } = deps;
  const service = deps.tags;

  app.get('/api/v1/tags', { config: { access: adminAccess('directory.view') }, schema: { tags, response: { 200: tagList } } }, async (request) => ({
    items: await service.list(db, requestScope(request)),
  }));

  app.get('/api/v1/tags/:id', { config: { access: adminAccess('directory.view') }, schema: { tags, params: tagIdParams, response: { 200: tagDetail } } }, async (request) =>
    service.get(db, requestScope(request), request.params.id),
  );

  app.post('/api/v1/tags', { config: { access: adminAccess('tags.manage') }, schema: { tags, body: tagCreateRequest, response: { 200: tagSchema } } }, async (request) => {
    const scope = requestScope(request);
    return db.transaction().execute((trx) => service.create(trx, scope, request.body, actorContext(request)));
  });

  app.patch('/api/v1/tags/:id', { config: { access: adminAccess('tags.manage') }, schema: { tags, params: tagIdParams, body: tagUpdateRequest, response: { 200: okResponse } } }, async (request) => {
    const scope = requestScope(request);
    await db.transaction().execute((trx) => service.rename(trx, scope, request.params.id, request.body.name, actorContext(request)));
    return { ok: true as const };
  });

  app.delete('/api/v1/tags/:id', { config: { access: adminAccess('tags.manage') }, schema: { tags, params: tagIdParams, response: { 200: okResponse } } }, async (request) => {
    const scope = requestScope(request);
    await db.transaction().execute((trx) => service.delete(trx, scope, request.params.id, actorContext(request)));
    return { ok: true as const };
  });

  for (const change of ['add', 'remove'] as const) {
    app.post(`/api/v1/tags/:id/${change}-members`, { config: { access: adminAccess('tags.manage') }, schema: { tags, params: tagIdParams, body: tagMembersRequest, response: { 200: membershipResult } } }, async (request) => {
      const scope = requestScope(request);
      return db.transaction().execute((trx) => service.changeMembers(trx, scope, request.params.id, change, request.body, actorContext(request)));
    });
  }
}

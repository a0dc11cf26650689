import { departmentChildrenQuery, departmentCreateRequest, departmentIdParams, departmentList, departmentSchema, departmentUpdateRequest, okResponse } from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { adminAccess } from '../../platform/http/access';
import { actorContext } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import type { DepartmentService } from './department.service';
import { requestScope } from './directory-scope';

const tags = ['directory'];

/** The department tree: lazy children, get, create, update (rename, move, reorder, leaders), delete. */
export function registerDepartmentRoutes(app: HttpApp, deps: { db: Kysely<DB>; departments: DepartmentService }): void {
  const { db, departments } = deps;

  app.get('/api/v1/departments', { config: { access: adminAccess('directory.view') }, schema: { tags, querystring: departmentChildrenQuery, response: { 200: departmentList } } }, async (request) => ({
    items: await departments.children(db, requestScope(request), request.query.parentId),
  }));

  app.get('/api/v1/departments/:id', { config: { access: adminAccess('directory.view') }, schema: { tags, params: departmentIdParams, response: { 200: departmentSchema } } }, async (request) =>
    departments.get(db, requestScope(request), request.params.id),
  );

  app.post('/api/v1/departments', { config: { access: adminAccess('directory.edit') }, schema: { tags, body: departmentCreateRequest, response: { 200: departmentSchema } } }, async (request) => {
    const scope = requestScope(request);
    return db.transaction().execute((trx) => departments.create(trx, scope, request.body, actorContext(request)));
  });

  app.patch('/api/v1/departments/:id', { config: { access: adminAccess('directory.edit') }, schema: { tags, params: departmentIdParams, body: departmentUpdateRequest, response: { 200: departmentSchema } } }, async (request) => {
    const scope = requestScope(request);
    return db.transaction().execute((trx) => departments.update(trx, scope, request.params.id, request.body, actorContext(request)));
  });

  app.delete('/api/v1/departments/:id', { config: { access: adminAccess('directory.edit') }, schema: { tags, params: departmentIdParams, response: { 200: okResponse } } }, async (request) => {
    const scope = requestScope(request);
    await db.transaction().execute((trx) => departments.delete(trx, scope, request.params.id, actorContext(request)));
    return { ok: true as const };
  });
}

import {
  accessSettingsSchema,
  appointRequest,
  assignmentIdParams,
  assignmentList,
  assignmentSchema,
  assignmentUpdateRequest,
  conflictList,
  explainQuery,
  explainResultSchema,
  myAccessSchema,
  okResponse,
  roleCreateRequest,
  roleIdParams,
  roleList,
  roleSchema,
  roleUpdateRequest,
  type Permission,
} from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { adminAccess, sessionAccess } from '../../platform/http/access';
import { actorContext, requirePrincipal } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import { fieldError } from '../../platform/kernel/app-error';
import type { AssignmentService } from './assignment.service';
import { findConflicts } from './conflicts';
import { explain, type ExplainTarget } from './explain';
import type { RoleService } from './role.service';

const tags = ['access'];

/** 权限管理: roles, admin assignments, settings, explain and conflicts. */
export function registerAccessRoutes(app: HttpApp, deps: { db: Kysely<DB>; roles: RoleService; assignments: AssignmentService }): void {
  const { db, roles, assignments } = deps;
  const view = { access: adminAccess('access.view') };
  const manage = { access: adminAccess('access.manage') };

  app.get('/api/v1/access/me', { config: { access: sessionAccess('full') }, schema: { tags, response: { 200: myAccessSchema } } }, async (request) => {
    const principal = requirePrincipal(request);
    return { superAdmin: principal.isSuperAdmin, permissions: [...principal.grants.keys()] as Permission[] };
  });

  app.get('/api/v1/access/roles', { config: view, schema: { tags, response: { 200: roleList } } }, async (request) => ({ items: await roles.list(db, requirePrincipal(request).corpId) }));

  app.post('/api/v1/access/roles', { config: manage, schema: { tags, body: roleCreateRequest, response: { 200: roleSchema } } }, async (request) =>
    db.transaction().execute((trx) => roles.create(trx, requirePrincipal(request), request.body, actorContext(request))),
  );

  app.patch('/api/v1/access/roles/:id', { config: manage, schema: { tags, params: roleIdParams, body: roleUpdateRequest, response: { 200: roleSchema } } }, async (request) =>
    db.transaction().execute((trx) => roles.update(trx, requirePrincipal(request), request.params.id, request.body, actorContext(request))),
  );

  app.delete('/api/v1/access/roles/:id', { config: manage, schema: { tags, params: roleIdParams, response: { 200: okResponse } } }, async (request) => {
    await db.transaction().execute((trx) => roles.delete(trx, requirePrincipal(request), request.params.id, actorContext(request)));
    return { ok: true as const };
  });

  app.get('/api/v1/access/admins', { config: view, schema: { tags, response: { 200: assignmentList } } }, async (request) => ({ items: await assignments.list(db, requirePrincipal(request).corpId) }));

  app.post('/api/v1/access/admins', { config: manage, schema: { tags, body: appointRequest, response: { 200: assignmentSchema } } }, async (request) =>
    db.transaction().execute((trx) => assignments.appoint(trx, requirePrincipal(request), request.body, actorContext(request))),
  );

  app.patch('/api/v1/access/admins/:id', { config: manage, schema: { tags, params: assignmentIdParams, body: assignmentUpdateRequest, response: { 200: assignmentSchema } } }, async (request) =>
    db.transaction().execute((trx) => assignments.update(trx, requirePrincipal(request), request.params.id, request.body, actorContext(request))),
  );

  app.delete('/api/v1/access/admins/:id', { config: manage, schema: { tags, params: assignmentIdParams, response: { 200: okResponse } } }, async (request) => {
    await db.transaction().execute((trx) => assignments.remove(trx, requirePrincipal(request), request.params.id, actorContext(request)));
    return { ok: true as const };
  });

  app.get('/api/v1/access/settings', { config: view, schema: { tags, response: { 200: accessSettingsSchema } } }, async (request) => ({
    maxSuperAdmins: await assignments.maxSuperAdmins(db, requirePrincipal(request).corpId),
  }));

  app.put('/api/v1/access/settings', { config: manage, schema: { tags, body: accessSettingsSchema, response: { 200: accessSettingsSchema } } }, async (request) => {
    await db.transaction().execute((trx) => assignments.setMaxSuperAdmins(trx, requirePrincipal(request), request.body.maxSuperAdmins, actorContext(request)));
    return request.body;
  });

  app.get('/api/v1/access/explain', { config: view, schema: { tags, querystring: explainQuery, response: { 200: explainResultSchema } } }, async (request) => {
    const { admin, permission, targetType, target } = request.query;
    return explain(db, requirePrincipal(request).corpId, admin, permission, explainTarget(targetType, target));
  });

  app.get('/api/v1/access/conflicts', { config: view, schema: { tags, response: { 200: conflictList } } }, async (request) => ({ items: await findConflicts(db, requirePrincipal(request).corpId) }));
}

function explainTarget(type: 'corp' | 'member' | 'department' | 'tag', target: string): ExplainTarget {
  if (type === 'corp') return { type };
  if (type === 'member') {
    if (!/^[\w@.-]{1,64}$/.test(target)) throw fieldError('target', 'letters, digits and _-@. only, 1 to 64 characters');
    return { type, userid: target };
  }
  const id = Number(target);
  if (!/^\d{1,10}$/.test(target) || id < 1 || id > 2_147_483_647) throw fieldError('target', 'must be a whole number');
  return { type, id };
}

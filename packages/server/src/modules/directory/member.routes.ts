import { batchResult, errorMessage, memberCreateRequest, memberListQuery, memberMoveRequest, memberPage, memberSchema, memberUpdateRequest, okResponse, useridParams, useridsRequest } from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import { adminAccess } from '../../platform/http/access';
import { actorContext } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import { requestScope } from './directory-scope';
import type { MemberService } from './member.service';

const tags = ['directory'];

/** Members: list and search, get, create, update, enable/disable, delete, and the batch operations. */
export function registerMemberRoutes(app: HttpApp, deps: { db: Kysely<DB>; members: MemberService }): void {
  const { db, members } = deps;

  app.get('/api/v1/members', { config: { access: adminAccess('directory.view') }, schema: { tags, querystring: memberListQuery, response: { 200: memberPage } } }, async (request) =>
    members.list(db, requestScope(request), request.query),
  );

  app.get('/api/v1/members/:userid', { config: { access: adminAccess('directory.view') }, schema: { tags, params: useridParams, response: { 200: memberSchema } } }, async (request) =>
    members.get(db, requestScope(request), request.params.userid),
  );

  app.post('/api/v1/members', { config: { access: adminAccess('directory.edit') }, schema: { tags, body: memberCreateRequest, response: { 200: memberSchema } } }, async (request) => {
    const scope = requestScope(request);
    return db.transaction().execute((trx) => members.create(trx, scope, request.body, actorContext(request)));
  });

  app.patch('/api/v1/members/:userid', { config: { access: adminAccess('directory.edit') }, schema: { tags, params: useridParams, body: memberUpdateRequest, response: { 200: memberSchema } } }, async (request) => {
    const scope = requestScope(request);
    return db.transaction().execute((trx) => members.update(trx, scope, request.params.userid, request.body, actorContext(request)));
  });

  for (const [verb, enabled] of [['enable', true], ['disable', false]] as const) {
    app.post(`/api/v1/members/:userid/${verb}`, { config: { access: adminAccess('directory.edit') }, schema: { tags, params: useridParams, response: { 200: memberSchema } } }, async (request) => {
      const scope = requestScope(request);
      return db.transaction().execute((trx) => members.setEnabled(trx, scope, request.params.userid, enabled, actorContext(request)));
    });
  }

  app.delete('/api/v1/members/:userid', { config: { access: adminAccess('directory.edit') }, schema: { tags, params: useridParams, response: { 200: okResponse } } }, async (request) => {
    const scope = requestScope(request);
    await db.transaction().execute((trx) => members.delete(trx, scope, request.params.userid, actorContext(request)));
    return { ok: true as const };
  });

  // Batch operations apply to each member in its own transaction and report each failure, as WeCom's batchdelete does.
  app.post('/api/v1/members/batch-delete', { config: { access: adminAccess('directory.edit') }, schema: { tags, body: useridsRequest, response: { 200: batchResult } } }, async (request) => {
    const scope = requestScope(request);
    const ctx = actorContext(request);
    return eachMember(request.body.userids, request.language, (userid) => db.transaction().execute((trx) => members.delete(trx, scope, userid, ctx)));
  });

  app.post('/api/v1/members/move', { config: { access: adminAccess('directory.edit') }, schema: { tags, body: memberMoveRequest, response: { 200: batchResult } } }, async (request) => {
    const scope = requestScope(request);
    const ctx = actorContext(request);
    return eachMember(request.body.userids, request.language, (userid) => db.transaction().execute((trx) => members.move(trx, scope, userid, request.body.departmentId, ctx)));
  });
}

async function eachMember(userids: string[], language: 'zh-CN' | 'en', run: (userid: string) => Promise<unknown>) {
  const done: string[] = [];
  const failed: { userid: string; code: string; message: string }[] = [];
  for (const userid of new Set(userids)) {
    try {
      await run(userid);
      done.push(userid);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed.push({ userid, code: error.code, message: errorMessage(error.code, language) });
    }
  }
  return { done, failed };
}

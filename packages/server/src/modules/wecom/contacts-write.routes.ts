import { departmentCreateRequest, departmentUpdateRequest, tagCreateRequest, tagMembersRequest, tagUpdateRequest } from '@orgdesk/contracts';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { DepartmentService, MemberService, TagService } from '../directory';
import { appContext, caller, input, scopeOf, writer } from './cgi-bin';
import { memberToCreate, memberToUpdate, wecomMemberBody } from './wecom-member';

const int = z.coerce.number().int();

/**
 * 通讯录 writes for the directory-sync app with "API接口同步" on, and tags. Each request is one transaction
 * through the directory services: the same validation, scope, audit (the app as actor) as the console.
 */
export function registerContactWrites(cgi: FastifyInstance, deps: { db: Kysely<DB>; departments: DepartmentService; members: MemberService; tags: TagService }): void {
  const { db, departments, members, tags } = deps;
  cgi.post('/department/create', async (request) => {
    const app = writer(request);
    const body = input(z.object({ name: z.string().optional(), parentid: int.optional(), order: int.optional(), id: int.optional() }), request.body);
    const department = input(departmentCreateRequest, { name: body.name, parentId: body.parentid, order: body.order, id: body.id });
    const created = await db.transaction().execute((trx) => departments.create(trx, scopeOf(app), department, appContext(request)));
    return { errcode: 0, errmsg: 'created', id: created.id };
  });

  cgi.post('/department/update', async (request) => {
    const app = writer(request);
    const body = input(z.object({ id: int, name: z.string().optional(), parentid: int.optional(), order: int.optional() }), request.body);
    const patch = input(departmentUpdateRequest, { name: body.name, parentId: body.parentid, order: body.order });
    await db.transaction().execute((trx) => departments.update(trx, scopeOf(app), body.id, patch, appContext(request)));
    return { errcode: 0, errmsg: 'updated' };
  });

  cgi.get('/department/delete', async (request) => {
    const app = writer(request);
    const { id } = input(z.object({ id: int }), request.query);
    await db.transaction().execute((trx) => departments.delete(trx, scopeOf(app), id, appContext(request)));
    return { errcode: 0, errmsg: 'deleted' };
  });

  cgi.post('/user/create', async (request) => {
    const app = writer(request);
    const body = input(wecomMemberBody, request.body);
    const member = memberToCreate(body);
    await db.transaction().execute(async (trx) => {
      await members.create(trx, scopeOf(app), member, appContext(request));
      if (body.enable === 0) await members.setEnabled(trx, scopeOf(app), member.userid, false, appContext(request));
    });
    return { errcode: 0, errmsg: 'created' };
  });

  cgi.post('/user/update', async (request) => {
    const app = writer(request);
    const body = input(wecomMemberBody, request.body);
    const patch = memberToUpdate(body);
    await db.transaction().execute(async (trx) => {
      const updated = await members.update(trx, scopeOf(app), body.userid, patch, appContext(request));
      if (body.enable !== undefined) await members.setEnabled(trx, scopeOf(app), updated.userid, body.enable === 1, appContext(request));
    });
    return { errcode: 0, errmsg: 'updated' };
  });

  cgi.get('/user/delete', async (request) => {
    const app = writer(request);
    const { userid } = input(z.object({ userid: z.string().min(1) }), request.query);
    await db.transaction().execute((trx) => members.delete(trx, scopeOf(app), userid, appContext(request)));
    return { errcode: 0, errmsg: 'deleted' };
  });

  // All or nothing: an invalid userid fails the whole call, as WeCom's does.
  cgi.post('/user/batchdelete', async (request) => {
    const app = writer(request);
    const { useridlist } = input(z.object({ useridlist: z.array(z.string()).min(1, 'is required').max(200, 'at most 200') }), request.body);
    await db.transaction().execute(async (trx) => {
      for (const userid of useridlist) await members.delete(trx, scopeOf(app), userid, appContext(request));
    });
    return { errcode: 0, errmsg: 'deleted' };
  });

  cgi.post('/tag/create', async (request) => {
    const app = writer(request);
    const body = input(z.object({ tagname: z.string().optional(), tagid: int.optional() }), request.body);
    const tag = input(tagCreateRequest, { name: body.tagname, id: body.tagid });
    const created = await db.transaction().execute((trx) => tags.create(trx, scopeOf(app), tag, appContext(request)));
    return { errcode: 0, errmsg: 'created', tagid: created.id };
  });

  cgi.post('/tag/update', async (request) => {
    const app = writer(request);
    const body = input(z.object({ tagid: int, tagname: z.string().optional() }), request.body);
    const { name } = input(tagUpdateRequest, { name: body.tagname });
    await db.transaction().execute((trx) => tags.rename(trx, scopeOf(app), body.tagid, name, appContext(request)));
    return { errcode: 0, errmsg: 'updated' };
  });

  cgi.get('/tag/delete', async (request) => {
    const app = writer(request);
    const { tagid } = input(z.object({ tagid: int }), request.query);
    await db.transaction().execute((trx) => tags.delete(trx, scopeOf(app), tagid, appContext(request)));
    return { errcode: 0, errmsg: 'deleted' };
  });

  for (const [path, change, errmsg, allInvalid] of [['/tag/addtagusers', 'add', 'ok', 'apps.tag_all_invalid'], ['/tag/deltagusers', 'remove', 'deleted', 'apps.tag_all_invalid_remove']] as const) {
    cgi.post(path, async (request) => {
      const app = writer(request);
      const body = input(z.object({ tagid: int, userlist: z.array(z.string()).default([]), partylist: z.array(int).default([]) }), request.body);
      const listed = input(tagMembersRequest, { userids: body.userlist, departmentIds: body.partylist });
      const result = await db.transaction().execute(async (trx) => {
        const outcome = await tags.changeMembers(trx, scopeOf(app), body.tagid, change, listed, appContext(request));
        // Nothing valid at all is an error, and the transaction (audit entry included) rolls back.
        if (outcome.invalidUserids.length === body.userlist.length && outcome.invalidDepartmentIds.length === body.partylist.length) throw new AppError(allInvalid);
        return outcome;
      });
      const partial = {
        ...(result.invalidUserids.length ? { invalidlist: result.invalidUserids.join('|') } : {}),
        ...(result.invalidDepartmentIds.length ? { invalidparty: result.invalidDepartmentIds } : {}),
      };
      return { errcode: 0, errmsg, ...partial };
    });
  }

  cgi.get('/tag/get', { config: { emptyLists: { userlist: [], partylist: [] } } }, async (request) => {
    const { tagid } = input(z.object({ tagid: int }), request.query);
    const tag = await tags.get(db, scopeOf(caller(request)), tagid);
    return { errcode: 0, errmsg: 'ok', tagname: tag.name, userlist: tag.members.map((m) => ({ userid: m.userid, name: m.name })), partylist: tag.departmentIds };
  });

  cgi.get('/tag/list', { config: { emptyLists: { taglist: [] } } }, async (request) => {
    const list = await tags.list(db, scopeOf(caller(request)));
    return { errcode: 0, errmsg: 'ok', taglist: list.map((t) => ({ tagid: t.id, tagname: t.name })) };
  });
}

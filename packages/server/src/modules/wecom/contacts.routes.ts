import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { AppCaller } from '../apps';
import { wholeCorp, type DepartmentService, type MemberService } from '../directory';
import { caller, input, scopeOf, withinRange } from './cgi-bin';
import { wecomDepartment, wecomMember } from './present';

/** WeCom answers a whole department's members in one response; past this it answers 45029 (回包大小超过上限). */
const MEMBERS_PER_ANSWER = 10_000;

const optionalId = z.object({ id: z.coerce.number().int().min(1).optional() });
const requiredId = z.object({ id: z.coerce.number({ message: 'is required' }).int().min(1) });
const departmentQuery = z.object({ department_id: z.coerce.number({ message: 'is required' }).int().min(1), fetch_child: z.enum(['0', '1']).default('0') });
const useridQuery = z.object({ userid: z.string({ message: 'is required' }).min(1).max(64) });

/** 通讯录 reads: department/list, simplelist, get; user/get, simplelist, list. */
export function registerContactReads(cgi: FastifyInstance, deps: { db: Kysely<DB>; departments: DepartmentService; members: MemberService }): void {
  const { db, departments, members } = deps;

  const subtree = (app: AppCaller, id: number | undefined) =>
    withinRange(app, () => departments.subtree(db, scopeOf(app), id), () => (id === undefined ? Promise.resolve() : departments.get(db, wholeCorp(app.corpId), id)));

  cgi.get('/department/list', { config: { emptyLists: { department: [] } } }, async (request) => {
    const { id } = input(optionalId, request.query);
    const list = await subtree(caller(request), id);
    return { errcode: 0, errmsg: 'ok', department: list.map(wecomDepartment) };
  });

  cgi.get('/department/simplelist', { config: { emptyLists: { department_id: [] } } }, async (request) => {
    const { id } = input(optionalId, request.query);
    const list = await subtree(caller(request), id);
    return { errcode: 0, errmsg: 'ok', department_id: list.map((d) => ({ id: d.id, parentid: d.parentId ?? 0, order: d.order })) };
  });

  cgi.get('/department/get', async (request) => {
    const { id } = input(requiredId, request.query);
    const app = caller(request);
    const department = await withinRange(app, () => departments.get(db, scopeOf(app), id), () => departments.get(db, wholeCorp(app.corpId), id));
    return { errcode: 0, errmsg: 'ok', department: wecomDepartment(department) };
  });

  cgi.get('/user/get', { config: { emptyLists: { department: [], order: [], is_leader_in_dept: [], direct_leader: [] } } }, async (request) => {
    const app = caller(request);
    const { userid } = input(useridQuery, request.query);
    const member = await withinRange(app, () => members.get(db, scopeOf(app), userid), () => members.get(db, wholeCorp(app.corpId), userid));
    // The native API keeps those who left (status 5) with their history; to WeCom's API a deleted member is gone.
    if (member.status === 5) throw new AppError('directory.member_not_found');
    return { errcode: 0, errmsg: 'ok', ...wecomMember(member, { sensitive: app.kind === 'contacts_sync' }) };
  });

  const departmentMembers = async (app: AppCaller, query: unknown) => {
    const { department_id, fetch_child } = input(departmentQuery, query);
    const page = await withinRange(
      app,
      () => members.list(db, scopeOf(app), { department: department_id, recursive: fetch_child === '1', page: 1, pageSize: MEMBERS_PER_ANSWER, sort: 'name', order: 'asc' }),
      () => departments.get(db, wholeCorp(app.corpId), department_id),
    );
    if (page.total > MEMBERS_PER_ANSWER) throw new AppError('apps.answer_too_large');
    return page.items;
  };

  cgi.get('/user/simplelist', { config: { emptyLists: { userlist: [] } } }, async (request) => {
    const list = await departmentMembers(caller(request), request.query);
    return { errcode: 0, errmsg: 'ok', userlist: list.map((m) => ({ userid: m.userid, name: m.name, department: m.departments.map((d) => d.id) })) };
  });

  cgi.get('/user/list', { config: { emptyLists: { userlist: [] } } }, async (request) => {
    const app = caller(request);
    const list = await departmentMembers(app, request.query);
    return { errcode: 0, errmsg: 'ok', userlist: list.map((m) => wecomMember(m, { sensitive: app.kind === 'contacts_sync' })) };
  });
}

import { builtinRoles, type ApproverSpec, type BuiltinRoleKey } from '@orgdesk/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../db';

/** Members who can act on a request: active ones (disabled, unactivated and departed members cannot). */
const ACTIVE = 1;

/** The chain of departments from one up to the root: [department, parent, …, 1]. */
export async function departmentPath(db: Executor, corpId: string, departmentId: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from departments where corp_id = ${corpId} and id = ${departmentId}
      union all
      select d.id, d.parent_id, up.depth + 1 from departments d join up on d.id = up.parent_id where d.corp_id = ${corpId} and up.depth < 100)
    select id from up order by depth`.execute(db);
  return result.rows.map((r) => r.id);
}

/** Ids of the active members among these userids, in the order given. */
async function membersByUserid(db: Executor, corpId: string, userids: readonly string[]): Promise<string[]> {
  if (userids.length === 0) return [];
  const rows = await db
    .selectFrom('members')
    .select(['id', 'userid'])
    .where('corp_id', '=', corpId)
    .where('status', '=', ACTIVE)
    .where((eb) => eb(eb.fn('lower', ['userid']), 'in', userids.map((u) => u.toLowerCase())))
    .execute();
  const byUserid = new Map(rows.map((r) => [r.userid.toLowerCase(), r.id]));
  return userids.map((u) => byUserid.get(u.toLowerCase())).filter((id): id is string => id !== undefined);
}

/**
 * Active members holding an admin role (a built-in key or a custom role id) whose scope reaches a request's
 * department (`departmentPath`, from it up to the root): a finance admin of one 事业部 approves that 事业部's
 * expenses only. A scope reaches its departments, its tags' departments and, when it says so, the holder's own
 * departments, each with everything below; a super admin's reaches everything.
 */
async function roleHolders(db: Executor, corpId: string, roleIds: readonly string[], departmentPath: readonly number[]): Promise<string[]> {
  if (roleIds.length === 0) return [];
  const path = sql`${sql.val([...departmentPath])}::int[]`;
  const rows = await db
    .selectFrom('admin_assignments as a')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .select('m.id')
    .distinct()
    .where('a.corp_id', '=', corpId)
    .where('a.role_id', 'in', roleIds)
    .where('m.status', '=', ACTIVE)
    .where(sql<boolean>`(a.role_id = 'super_admin'
      or a.scope_departments && ${path}
      or exists (select 1 from tag_departments td where td.corp_id = ${corpId} and td.tag_id = any(a.scope_tags) and td.department_id = any(${path}))
      or (a.scope_own_departments and exists (select 1 from member_departments md where md.corp_id = ${corpId} and md.member_id = a.member_id and md.department_id = any(${path}))))`)
    .execute();
  return rows.map((r) => r.id);
}

/** 审批管理员 whose scope reaches the request: members whose role carries approvals.manage; the fallback when a node finds nobody. */
export async function approvalAdmins(db: Executor, corpId: string, departmentPath: readonly number[]): Promise<string[]> {
  const builtin = (Object.keys(builtinRoles) as BuiltinRoleKey[]).filter((k) => (builtinRoles[k].permissions as readonly string[]).includes('approvals.manage') && k !== 'super_admin');
  const custom = await db.selectFrom('admin_roles').select('id').where('corp_id', '=', corpId).where(sql<boolean>`'approvals.manage' = any(permissions)`).execute();
  const admins = await roleHolders(db, corpId, [...builtin, ...custom.map((r) => r.id)], departmentPath);
  // Where no approval admin's scope reaches, the super admins do: they hold every permission everywhere.
  return admins.length ? admins : roleHolders(db, corpId, ['super_admin'], departmentPath);
}

/**
 * The members an approver or cc spec names, resolved now (when the step activates): later changes to the org chart
 * do not reroute a step that is already waiting on someone.
 */
export async function resolveSpec(db: Executor, corpId: string, spec: ApproverSpec, context: { departmentPath: readonly number[]; chosen: readonly string[] }): Promise<string[]> {
  switch (spec.kind) {
    case 'members':
      return membersByUserid(db, corpId, spec.userids);
    case 'applicant_choice':
      return membersByUserid(db, corpId, context.chosen);
    case 'role':
      return roleHolders(db, corpId, [spec.roleId], context.departmentPath);
    case 'tag': {
      const rows = await db
        .selectFrom('tag_members as t')
        .innerJoin('members as m', 'm.id', 't.member_id')
        .select('m.id')
        .where('t.corp_id', '=', corpId)
        .where('t.tag_id', '=', spec.tagId)
        .where('m.status', '=', ACTIVE)
        .orderBy('m.name_sort')
        .execute();
      return rows.map((r) => r.id);
    }
    case 'leader':
    case 'leaders_up_to': {
      const departmentId = context.departmentPath[spec.level - 1];
      if (departmentId === undefined) return [];
      const department = await db.selectFrom('departments').select('leaders').where('corp_id', '=', corpId).where('id', '=', departmentId).executeTakeFirst();
      return membersByUserid(db, corpId, department?.leaders ?? []);
    }
  }
}

/** Whether the members, roles and tags a spec names exist (for saving a template). */
export async function specProblem(db: Executor, corpId: string, spec: ApproverSpec): Promise<string | null> {
  if (spec.kind === 'members') {
    const rows = await db.selectFrom('members').select('userid').where('corp_id', '=', corpId).where((eb) => eb(eb.fn('lower', ['userid']), 'in', spec.userids.map((u) => u.toLowerCase()))).execute();
    const found = new Set(rows.map((r) => r.userid.toLowerCase()));
    const missing = spec.userids.filter((u) => !found.has(u.toLowerCase()));
    return missing.length ? `unknown: ${missing.join('|')}` : null;
  }
  if (spec.kind === 'role') {
    if (spec.roleId in builtinRoles) return null;
    const isUuid = /^[0-9a-f-]{36}$/i.test(spec.roleId);
    const role = isUuid ? await db.selectFrom('admin_roles').select('id').where('corp_id', '=', corpId).where('id', '=', spec.roleId).executeTakeFirst() : undefined;
    return role ? null : `unknown: ${spec.roleId}`;
  }
  if (spec.kind === 'tag') {
    const tag = await db.selectFrom('tags').select('id').where('corp_id', '=', corpId).where('id', '=', spec.tagId).executeTakeFirst();
    return tag ? null : `unknown: ${spec.tagId}`;
  }
  return null;
}

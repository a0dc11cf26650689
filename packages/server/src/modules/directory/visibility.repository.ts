import { sql } from 'kysely';
import type { Executor } from '../../db';
import type { VisibilityHiddenTable, VisibilityRulesTable } from './visibility.table';

/** A member's internal id and status by userid (case-insensitive). */
export async function memberByUserid(db: Executor, corpId: string, userid: string) {
  return db.selectFrom('members').select(['id', 'userid', 'name', 'status']).where('corp_id', '=', corpId).where(sql`lower(userid)`, '=', userid.toLowerCase()).executeTakeFirst();
}

/** Current members (not left) by userid, case-insensitively. */
export async function currentMembersByUserids(db: Executor, corpId: string, userids: readonly string[]) {
  if (userids.length === 0) return [];
  return db
    .selectFrom('members')
    .select(['id', 'userid', 'name'])
    .where('corp_id', '=', corpId)
    .where('status', '!=', 5)
    .where(sql`lower(userid)`, 'in', userids.map((u) => u.toLowerCase()))
    .execute();
}

/** Names of departments by id (those that exist). */
export async function departmentNames(db: Executor, corpId: string, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('departments').select(['id', 'name']).where('corp_id', '=', corpId).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of tags by id (those that exist). */
export async function tagNames(db: Executor, corpId: string, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('tags').select(['id', 'name']).where('corp_id', '=', corpId).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Userids and names of members by internal id (left members included: a stored list may name them). */
export async function memberNames(db: Executor, corpId: string, ids: readonly string[]): Promise<Map<string, { userid: string; name: string; status: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('members').select(['id', 'userid', 'name', 'status']).where('corp_id', '=', corpId).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { userid: r.userid, name: r.name, status: r.status }]));
}

// Rules ------------------------------------------------------------------------------------------------------

export async function listRules(db: Executor, corpId: string) {
  return db.selectFrom('visibility_rules').selectAll().where('corp_id', '=', corpId).orderBy('created_at').orderBy('id').execute();
}

export async function findRule(db: Executor, corpId: string, id: string, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('visibility_rules').selectAll().where('corp_id', '=', corpId).where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function ruleNamed(db: Executor, corpId: string, name: string, exceptId?: string) {
  let query = db.selectFrom('visibility_rules').select('id').where('corp_id', '=', corpId).where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

type RuleFields = Pick<VisibilityRulesTable, 'name' | 'sees'> & { viewer_departments: number[]; viewer_tags: number[]; seen_departments: number[]; seen_tags: number[]; hidden_fields: string[] };

export async function insertRule(db: Executor, corpId: string, fields: RuleFields, at: Date): Promise<string> {
  const row = await db.insertInto('visibility_rules').values({ corp_id: corpId, ...fields, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRule(db: Executor, corpId: string, id: string, fields: RuleFields, at: Date): Promise<void> {
  await db.updateTable('visibility_rules').set({ ...fields, updated_at: at }).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

export async function deleteRule(db: Executor, corpId: string, id: string): Promise<void> {
  await db.deleteFrom('visibility_rules').where('corp_id', '=', corpId).where('id', '=', id).execute();
}

// Hidden entries ---------------------------------------------------------------------------------------------

export async function listHidden(db: Executor, corpId: string) {
  return db.selectFrom('visibility_hidden').selectAll().where('corp_id', '=', corpId).orderBy('created_at').orderBy('id').execute();
}

export async function findHidden(db: Executor, corpId: string, id: string, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('visibility_hidden').selectAll().where('corp_id', '=', corpId).where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The entry hiding this department or member, if any (other than `exceptId`). */
export async function hiddenTarget(db: Executor, corpId: string, target: { departmentId: number } | { memberId: string }, exceptId?: string) {
  let query = db.selectFrom('visibility_hidden').select('id').where('corp_id', '=', corpId);
  query = 'departmentId' in target ? query.where('department_id', '=', target.departmentId) : query.where('member_id', '=', target.memberId);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

type HiddenFields = Pick<VisibilityHiddenTable, 'department_id' | 'member_id'> & { allowed_departments: number[]; allowed_tags: number[]; allowed_members: string[] };

export async function insertHidden(db: Executor, corpId: string, fields: HiddenFields, at: Date): Promise<string> {
  const row = await db.insertInto('visibility_hidden').values({ corp_id: corpId, ...fields, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateHidden(db: Executor, corpId: string, id: string, fields: HiddenFields, at: Date): Promise<void> {
  await db.updateTable('visibility_hidden').set({ ...fields, updated_at: at }).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

export async function deleteHidden(db: Executor, corpId: string, id: string): Promise<void> {
  await db.deleteFrom('visibility_hidden').where('corp_id', '=', corpId).where('id', '=', id).execute();
}

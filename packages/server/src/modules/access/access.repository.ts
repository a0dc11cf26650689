import { sql } from 'kysely';
import type { Executor } from '../../db';
import type { AdminAssignmentsTable } from './access.table';
import type { Insertable, Updateable } from 'kysely';

// SQL only. Every query is filtered by corp.

/** Assignments of a corp (or of one member) with their member, newest last. */
export function assignmentsWithMembers(db: Executor, corpId: string) {
  return db
    .selectFrom('admin_assignments as a')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .selectAll('a')
    .select(['m.userid', 'm.name as member_name', 'm.status as member_status'])
    .where('a.corp_id', '=', corpId)
    .orderBy('a.created_at')
    .orderBy('a.id');
}

export async function findAssignment(db: Executor, corpId: string, id: string, options: { lock?: boolean } = {}) {
  let query = assignmentsWithMembers(db, corpId).where('a.id', '=', id);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The active assignments of a member, each with its custom role's permissions (null for built-in roles). */
export async function activeAssignmentsOf(db: Executor, corpId: string, memberId: string) {
  return db
    .selectFrom('admin_assignments as a')
    .leftJoin('admin_roles as r', (join) => join.on(sql`r.id::text`, '=', sql.ref('a.role_id')).onRef('r.corp_id', '=', 'a.corp_id'))
    .select(['a.id', 'a.role_id', 'a.scope_departments', 'a.scope_tags', 'a.scope_own_departments', 'r.permissions as custom_permissions'])
    .where('a.corp_id', '=', corpId)
    .where('a.member_id', '=', memberId)
    .where('a.status', '=', 'active')
    .execute();
}

export async function insertAssignment(db: Executor, row: Insertable<AdminAssignmentsTable>): Promise<string> {
  return (await db.insertInto('admin_assignments').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateAssignment(db: Executor, corpId: string, id: string, patch: Updateable<AdminAssignmentsTable>): Promise<void> {
  await db.updateTable('admin_assignments').set(patch).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

export async function deleteAssignment(db: Executor, corpId: string, id: string): Promise<void> {
  await db.deleteFrom('admin_assignments').where('corp_id', '=', corpId).where('id', '=', id).execute();
}

/** Makes a member's pending assignments active; returns their ids. */
export async function activatePending(db: Executor, corpId: string, memberId: string, at: Date): Promise<string[]> {
  const rows = await db
    .updateTable('admin_assignments')
    .set({ status: 'active', activated_at: at })
    .where('corp_id', '=', corpId)
    .where('member_id', '=', memberId)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Whether a member has any assignment, and whether any is active. */
export async function assignmentStates(db: Executor, corpId: string, memberId: string): Promise<{ any: boolean; active: boolean }> {
  const rows = await db.selectFrom('admin_assignments').select('status').where('corp_id', '=', corpId).where('member_id', '=', memberId).execute();
  return { any: rows.length > 0, active: rows.some((r) => r.status === 'active') };
}

/** The member ids holding the super admin role, active or pending. */
export async function superAdminMemberIds(db: Executor, corpId: string): Promise<string[]> {
  const rows = await db.selectFrom('admin_assignments').select('member_id').where('corp_id', '=', corpId).where('role_id', '=', 'super_admin').execute();
  return rows.map((r) => r.member_id);
}

/** Super admins who can act today (active assignment, active member), leaving one member out. */
export async function activeSuperAdminsBesides(db: Executor, corpId: string, memberId: string): Promise<number> {
  const row = await db
    .selectFrom('admin_assignments as a')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('a.corp_id', '=', corpId)
    .where('a.role_id', '=', 'super_admin')
    .where('a.status', '=', 'active')
    .where('m.status', '=', 1)
    .where('a.member_id', '!=', memberId)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Serializes changes to a corp's admins (the super admin count and the last-super-admin rule are read-then-write). */
export async function lockCorpAdmins(db: Executor, corpId: string): Promise<void> {
  await db.selectFrom('corps').select('id').where('id', '=', corpId).forUpdate().execute();
}

/** Active members with their corp and whether they hold any assignment (pending too): who may sign in at all. */
export function memberAccounts(db: Executor) {
  return db
    .selectFrom('members as m')
    .innerJoin('corps as c', 'c.id', 'm.corp_id')
    .select(['m.id as memberId', 'm.corp_id as corpId', 'c.name as corpName', 'm.userid', 'm.name', 'c.default_language as defaultLanguage', 'c.member_totp_required as memberTotpRequired'])
    .select((eb) => eb.exists(eb.selectFrom('admin_assignments as a').select('a.id').whereRef('a.member_id', '=', 'm.id').whereRef('a.corp_id', '=', 'm.corp_id')).as('isAdmin'))
    .where('m.status', '=', 1);
}

/** The member's current department ids (for "own departments" scopes, read at each request). */
export async function departmentIdsOf(db: Executor, corpId: string, memberId: string): Promise<number[]> {
  const rows = await db.selectFrom('member_departments').select('department_id').where('corp_id', '=', corpId).where('member_id', '=', memberId).execute();
  return rows.map((r) => r.department_id);
}

// Custom roles.

export async function listCustomRoles(db: Executor, corpId: string) {
  return db.selectFrom('admin_roles').selectAll().where('corp_id', '=', corpId).orderBy('created_at').orderBy('id').execute();
}

export async function findCustomRole(db: Executor, corpId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db.selectFrom('admin_roles').selectAll().where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
}

export async function customRoleNamed(db: Executor, corpId: string, name: string, exceptId?: string) {
  let query = db.selectFrom('admin_roles').select('id').where('corp_id', '=', corpId).where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

export async function insertCustomRole(db: Executor, corpId: string, name: string, permissions: string[]): Promise<string> {
  return (await db.insertInto('admin_roles').values({ corp_id: corpId, name, permissions }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCustomRole(db: Executor, corpId: string, id: string, patch: { name?: string; permissions?: string[]; updated_at: Date }): Promise<void> {
  await db.updateTable('admin_roles').set(patch).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

export async function deleteCustomRole(db: Executor, corpId: string, id: string): Promise<void> {
  await db.deleteFrom('admin_roles').where('corp_id', '=', corpId).where('id', '=', id).execute();
}

/** How many assignments each role has. */
export async function assignmentCounts(db: Executor, corpId: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('admin_assignments').select(['role_id', sql<number>`count(*)::int`.as('n')]).where('corp_id', '=', corpId).groupBy('role_id').execute();
  return new Map(rows.map((r) => [r.role_id, r.n]));
}

// Settings.

export async function maxSuperAdmins(db: Executor, corpId: string): Promise<number | null> {
  const row = await db.selectFrom('access_settings').select('max_super_admins').where('corp_id', '=', corpId).executeTakeFirst();
  return row?.max_super_admins ?? null;
}

export async function setMaxSuperAdmins(db: Executor, corpId: string, value: number): Promise<void> {
  await db
    .insertInto('access_settings')
    .values({ corp_id: corpId, max_super_admins: value })
    .onConflict((oc) => oc.column('corp_id').doUpdateSet({ max_super_admins: value }))
    .execute();
}

// Names for presenting scopes.

export async function departmentNames(db: Executor, corpId: string, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('departments').select(['id', 'name']).where('corp_id', '=', corpId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function tagNames(db: Executor, corpId: string, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('tags').select(['id', 'name']).where('corp_id', '=', corpId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A current (not left) member by userid (case-insensitive) or mainland/international mobile. */
export async function memberByLogin(db: Executor, corpId: string, login: string) {
  return db
    .selectFrom('members')
    .select(['id', 'userid', 'name', 'status'])
    .where('corp_id', '=', corpId)
    .where('status', '!=', 5)
    .where((eb) => eb.or([eb(sql`lower(userid)`, '=', login.toLowerCase()), eb('mobile', '=', login)]))
    .orderBy(sql`lower(userid) = ${login.toLowerCase()}`, 'desc')
    .limit(1)
    .executeTakeFirst();
}

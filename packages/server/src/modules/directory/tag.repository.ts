import { sql } from 'kysely';
import type { Executor } from '../../db';
import type { Reach } from '../../platform/http/access';
import { departmentWithin, memberWithin } from './scope-sql';

/** Tags of a corp with their member and department counts inside the reach (left members excluded). */
export async function listTags(db: Executor, corpId: string, reach: Reach) {
  return db
    .selectFrom('tags as t')
    .where('t.corp_id', '=', corpId)
    .select(['t.id', 't.name'])
    .select((eb) => [
      eb.selectFrom('tag_members as tm').innerJoin('members as m', 'm.id', 'tm.member_id').select(sql<number>`count(*)::int`.as('n')).where('tm.corp_id', '=', corpId).whereRef('tm.tag_id', '=', 't.id').where('m.status', '!=', 5).where(memberWithin(corpId, reach, 'm.id')).as('member_count'),
      eb
        .selectFrom('tag_departments as td')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('td.corp_id', '=', corpId)
        .whereRef('td.tag_id', '=', 't.id')
        .where(departmentWithin(corpId, reach, 'td.department_id'))
        .as('department_count'),
    ])
    .orderBy('t.id')
    .execute();
}

export async function findTag(db: Executor, corpId: string, id: number) {
  return db.selectFrom('tags').select(['id', 'name']).where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
}

export async function tagNamed(db: Executor, corpId: string, name: string, exceptId?: number) {
  let query = db.selectFrom('tags').select('id').where('corp_id', '=', corpId).where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

export async function nextTagId(db: Executor, corpId: string): Promise<number> {
  return (await db.selectFrom('tags').select(sql<number>`coalesce(max(id), 0) + 1`.as('next')).where('corp_id', '=', corpId).executeTakeFirstOrThrow()).next;
}

export async function insertTag(db: Executor, corpId: string, id: number, name: string): Promise<void> {
  await db.insertInto('tags').values({ corp_id: corpId, id, name }).execute();
}

export async function renameTag(db: Executor, corpId: string, id: number, name: string): Promise<void> {
  await db.updateTable('tags').set({ name }).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

export async function deleteTag(db: Executor, corpId: string, id: number): Promise<void> {
  await db.deleteFrom('tags').where('corp_id', '=', corpId).where('id', '=', id).execute();
}

/** A tag's current members inside the reach. */
export async function tagMembers(db: Executor, corpId: string, tagId: number, reach: Reach) {
  return db
    .selectFrom('tag_members as tm')
    .innerJoin('members as m', 'm.id', 'tm.member_id')
    .select(['m.userid', 'm.name'])
    .where('tm.corp_id', '=', corpId)
    .where('tm.tag_id', '=', tagId)
    .where('m.status', '!=', 5)
    .where(memberWithin(corpId, reach, 'm.id'))
    .orderBy('m.name_sort')
    .execute();
}

export async function tagDepartmentIds(db: Executor, corpId: string, tagId: number): Promise<number[]> {
  const rows = await db.selectFrom('tag_departments').select('department_id').where('corp_id', '=', corpId).where('tag_id', '=', tagId).orderBy('department_id').execute();
  return rows.map((r) => r.department_id);
}

export async function addMembers(db: Executor, corpId: string, tagId: number, memberIds: string[]): Promise<void> {
  if (memberIds.length === 0) return;
  await db.insertInto('tag_members').values(memberIds.map((member_id) => ({ corp_id: corpId, tag_id: tagId, member_id }))).onConflict((oc) => oc.doNothing()).execute();
}

export async function removeMembers(db: Executor, corpId: string, tagId: number, memberIds: string[]): Promise<void> {
  if (memberIds.length === 0) return;
  await db.deleteFrom('tag_members').where('corp_id', '=', corpId).where('tag_id', '=', tagId).where('member_id', 'in', memberIds).execute();
}

export async function addDepartments(db: Executor, corpId: string, tagId: number, departmentIds: number[]): Promise<void> {
  if (departmentIds.length === 0) return;
  await db.insertInto('tag_departments').values(departmentIds.map((department_id) => ({ corp_id: corpId, tag_id: tagId, department_id }))).onConflict((oc) => oc.doNothing()).execute();
}

export async function removeDepartments(db: Executor, corpId: string, tagId: number, departmentIds: number[]): Promise<void> {
  if (departmentIds.length === 0) return;
  await db.deleteFrom('tag_departments').where('corp_id', '=', corpId).where('tag_id', '=', tagId).where('department_id', 'in', departmentIds).execute();
}

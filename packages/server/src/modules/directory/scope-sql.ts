import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db';
import type { Reach } from '../../platform/http/access';

// The scope filter, written once as SQL fragments that every directory query embeds: a scoped admin's
// lists, searches, counts, totals and single reads all go through these, so nothing can forget to filter.

type LimitedReach = Exclude<Reach, 'all'>;

const ints = (ids: readonly number[]) => sql`${sql.val([...ids])}::int[]`;
const uuids = (ids: readonly string[]) => sql`${sql.val([...ids])}::uuid[]`;

/**
 * The departments inside a limited reach: the listed ones and the tags' departments, each with its subtree.
 * The start is a union of two index lookups and each step goes down through the (corp_id, parent_id) index, so
 * the cost follows the size of the reach, not of the corp.
 */
function reachDepartmentIds(corpId: string, reach: LimitedReach): RawBuilder<unknown> {
  return sql`(
    with recursive within(id) as (
      select d.id from departments d where d.corp_id = ${corpId} and d.id = any(${ints(reach.departments)})
      union
      select td.department_id from tag_departments td where td.corp_id = ${corpId} and td.tag_id = any(${ints(reach.tags)})
      union
      select d.id from within w join departments d on d.corp_id = ${corpId} and d.parent_id = w.id
    )
    select id from within)`;
}

/**
 * Whether a chain of departments going up from `start` (a set of department ids) meets the reach: a listed
 * department or a tag's department. Walking up costs the depth of the tree, for checks of a few rows.
 */
function upwardMeetsReach(corpId: string, reach: LimitedReach, start: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`exists (
    with recursive up(id) as (
      ${start}
      union
      select d.parent_id from up join departments d on d.corp_id = ${corpId} and d.id = up.id where d.parent_id is not null
    )
    select 1 from up
     where up.id = any(${ints(reach.departments)})
        or up.id in (select td.department_id from tag_departments td where td.corp_id = ${corpId} and td.tag_id = any(${ints(reach.tags)})))`;
}

/** A condition for single rows (a get, a check): the department, or one above it, is in the reach. */
export function departmentWithinUpward(corpId: string, reach: Reach, column: string): RawBuilder<boolean> {
  if (reach === 'all') return sql<boolean>`true`;
  return upwardMeetsReach(corpId, reach, sql`select ${sql.ref(column)}::int`);
}

/** A condition for single rows: one of the member's departments (or one above it) is in the reach, they carry a reach tag, or are listed. */
export function memberWithinUpward(corpId: string, reach: Reach, column: string): RawBuilder<boolean> {
  if (reach === 'all') return sql<boolean>`true`;
  const start = sql`select md.department_id from member_departments md where md.corp_id = ${corpId} and md.member_id = ${sql.ref(column)}`;
  return sql<boolean>`(${upwardMeetsReach(corpId, reach, start)}
    or exists (select 1 from tag_members tm where tm.corp_id = ${corpId} and tm.member_id = ${sql.ref(column)} and tm.tag_id = any(${ints(reach.tags)}))
    or ${sql.ref(column)} = any(${uuids(reach.members ?? [])}))`;
}

/** A condition on a department id column: true when the department is inside the reach. */
export function departmentWithin(corpId: string, reach: Reach, column: string): RawBuilder<boolean> {
  if (reach === 'all') return sql<boolean>`true`;
  return sql<boolean>`${sql.ref(column)} in ${reachDepartmentIds(corpId, reach)}`;
}

/**
 * A condition on a member id column: true when the member belongs to a department inside the reach, carries
 * one of its tags or is listed in it. `= any(array(…))` evaluates the set once and probes by primary key.
 */
export function memberWithin(corpId: string, reach: Reach, column: string): RawBuilder<boolean> {
  if (reach === 'all') return sql<boolean>`true`;
  return sql<boolean>`${sql.ref(column)} = any(array(
    select md.member_id from member_departments md where md.corp_id = ${corpId} and md.department_id in ${reachDepartmentIds(corpId, reach)}
    union
    select tm.member_id from tag_members tm where tm.corp_id = ${corpId} and tm.tag_id = any(${ints(reach.tags)})
    union
    select unnest(${uuids(reach.members ?? [])})))`;
}

/** Of the given department ids, those outside the reach (unknown ids included). */
export async function departmentsOutside(db: Executor, corpId: string, reach: Reach, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const inside = await db
    .selectFrom('departments as d')
    .select('d.id')
    .where('d.corp_id', '=', corpId)
    .where('d.id', 'in', [...ids])
    .where(departmentWithinUpward(corpId, reach, 'd.id'))
    .execute();
  const found = new Set(inside.map((r) => r.id));
  return [...new Set(ids)].filter((id) => !found.has(id));
}

/** The departments a limited reach starts from: inside it, with a parent outside it (the tops of a scoped tree). */
export async function reachTops(db: Executor, corpId: string, reach: Reach): Promise<number[]> {
  const rows = await db
    .selectFrom('departments as d')
    .select('d.id')
    .where('d.corp_id', '=', corpId)
    .where(departmentWithin(corpId, reach, 'd.id'))
    .where((eb) => eb.or([eb('d.parent_id', 'is', null), eb.not(departmentWithin(corpId, reach, 'd.parent_id'))]))
    .orderBy('d.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Whether one member (by id) is inside the reach. */
export async function memberIsWithin(db: Executor, corpId: string, reach: Reach, memberId: string): Promise<boolean> {
  if (reach === 'all') return true;
  const row = await db.selectFrom('members as m').select('m.id').where('m.corp_id', '=', corpId).where('m.id', '=', memberId).where(memberWithinUpward(corpId, reach, 'm.id')).executeTakeFirst();
  return row !== undefined;
}

/** The department and member ids inside a reach, for whole-directory work (import plans, exports); null for the whole corp. */
export async function reachSets(db: Executor, corpId: string, reach: Reach): Promise<{ departments: ReadonlySet<number>; members: ReadonlySet<string> } | null> {
  if (reach === 'all') return null;
  const departments = await db.selectFrom('departments as d').select('d.id').where('d.corp_id', '=', corpId).where(departmentWithin(corpId, reach, 'd.id')).execute();
  const members = await db.selectFrom('members as m').select('m.id').where('m.corp_id', '=', corpId).where(memberWithin(corpId, reach, 'm.id')).execute();
  return { departments: new Set(departments.map((r) => r.id)), members: new Set(members.map((r) => r.id)) };
}
